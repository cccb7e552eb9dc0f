import { create } from 'zustand';
import type { CheckId, CheckResult, DiagnosticsReport, RepairAction, RepairId, RepairOutcome } from '../../../shared/diagnostics';

export type DiagnosticsStatus = 'idle' | 'asking' | 'running' | 'reviewing' | 'declined' | 'shared';
export type RepairState = { status: 'asking' | 'declined' | 'running' } | { status: 'done'; outcome: RepairOutcome };

interface ToolkitStore {
  /** Both sides: where the check-up stands. */
  diagnostics: DiagnosticsStatus;
  /** User side: the report awaiting the user's decision to share it. */
  review: DiagnosticsReport | null;
  /** Consultant side: results received, by check. */
  results: Partial<Record<CheckId, CheckResult>>;
  /** Consultant side: the repairs the user's computer offers. */
  repairs: RepairAction[] | null;
  /** Both sides: what became of each proposed repair. */
  repairStates: Partial<Record<RepairId, RepairState>>;
  /** User side: the repair whose native prompt is open. */
  proposed: RepairAction | null;
  set: (patch: Partial<Omit<ToolkitStore, 'set' | 'reset' | 'addResult' | 'setRepairState'>>) => void;
  addResult: (result: CheckResult) => void;
  setRepairState: (id: RepairId, state: RepairState) => void;
  reset: () => void;
}

const initial = { diagnostics: 'idle' as const, review: null, results: {}, repairs: null, repairStates: {}, proposed: null };

/** The troubleshooting toolkit's state for the current session; cleared with it. */
export const useToolkitStore = create<ToolkitStore>((set) => ({
  ...initial,
  set: (patch) => set(patch),
  addResult: (result) => set((store) => ({ results: { ...store.results, [result.id]: result } })),
  setRepairState: (id, state) => set((store) => ({ repairStates: { ...store.repairStates, [id]: state } })),
  reset: () => set(initial),
}));

export type ToolkitStoreApi = Pick<ToolkitStore, 'set' | 'addResult' | 'setRepairState' | 'reset'> & { get: () => ToolkitStore };

export const toolkitStoreApi: ToolkitStoreApi = {
  get: () => useToolkitStore.getState(),
  set: (patch) => useToolkitStore.getState().set(patch),
  addResult: (result) => useToolkitStore.getState().addResult(result),
  setRepairState: (id, state) => useToolkitStore.getState().setRepairState(id, state),
  reset: () => useToolkitStore.getState().reset(),
};
