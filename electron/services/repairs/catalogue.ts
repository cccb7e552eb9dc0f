/**
 * The allow-list. A repair is named by id only; the id is validated against this
 * catalogue and everything it runs is a constant defined here. There is no path from a
 * peer's message to a command line.
 */
import { LIMITS, repairIdSchema, type RepairAction } from '../../../shared/diagnostics';
import { DARWIN } from './catalogue-darwin';
import { LINUX } from './catalogue-linux';
import { WIN32 } from './catalogue-win32';
import { TEXTS } from './texts';
import type { PlatformCatalogue, RepairDefinition, RepairPlan } from './types';

const CATALOGUES: Partial<Record<NodeJS.Platform, PlatformCatalogue>> = { linux: LINUX, win32: WIN32, darwin: DARWIN };

export function repairDefinitions(platform: NodeJS.Platform): RepairDefinition[] {
  const catalogue = CATALOGUES[platform] ?? {};
  return repairIdSchema.options.flatMap((id) => {
    const entry = catalogue[id];
    return entry ? [{ id, ...TEXTS[id], ...entry }] : [];
  });
}

/** Looks up an untrusted id; undefined unless it names an action offered on this platform. */
export function findRepair(platform: NodeJS.Platform, id: unknown): RepairDefinition | undefined {
  const parsed = repairIdSchema.safeParse(id);
  if (!parsed.success) return undefined;
  return repairDefinitions(platform).find((definition) => definition.id === parsed.data);
}

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '\\"')}"`);

function preview(plan: RepairPlan): string {
  if (plan.kind === 'native') return '(built into Tandem: deletes old files in your temporary folder)';
  const steps = plan.kind === 'commands' ? plan.steps : [plan.command];
  return steps.map((step) => [step.file, ...step.args].map(quote).join(' ')).join(' && ').slice(0, LIMITS.detail);
}

/** What the consultant may propose and the user sees before approving. */
export function listRepairs(platform: NodeJS.Platform): RepairAction[] {
  return repairDefinitions(platform).map((d) => ({ id: d.id, title: d.title, explanation: d.explanation, needsAdmin: d.needsAdmin, commandPreview: preview(d.plan) }));
}
