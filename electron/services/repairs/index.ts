/** The repairs service's public surface, for the host handler table. */
export { listRepairs, findRepair, repairDefinitions } from './catalogue';
export { runRepair, createRepairDeps, UnknownRepairError, RESTART_DELAY_MS } from './run-repair';
export { createComputerRestart, parseCanReboot } from './computer-restart';
export { cleanTempFiles, type CleanOptions, type CleanSummary } from './temp-cleaner';
export type { RepairDeps, RepairDefinition, RepairCommand, RepairPlan, ComputerRestart } from './types';
