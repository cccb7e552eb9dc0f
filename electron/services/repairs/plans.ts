import type { RepairCommand, RepairPlan } from './types';

export const cmd = (file: string, ...args: string[]): RepairCommand => ({ file, args });
export const commands = (...steps: RepairCommand[]): RepairPlan => ({ kind: 'commands', steps });
export const launch = (file: string, ...args: string[]): RepairPlan => ({ kind: 'launch', command: { file, args } });
