/** The repairs service's public surface, for the host handler table. */
export { listRepairs, findRepair, repairDefinitions } from './catalogue';
export { runRepair, createRepairDeps, UnknownRepairError } from './run-repair';
export { cleanTempFiles, type CleanOptions, type CleanSummary } from './temp-cleaner';
export type { RepairDeps, RepairDefinition, RepairCommand, RepairPlan } from './types';
