import { create } from 'zustand';
import type { RequestCategory } from '../../../shared/queue';
import type { SessionReport } from '../../../shared/report';

interface ReportStore {
  /** Consultant's notes and the problem's category (the user receives the consultant's). */
  category: RequestCategory | null;
  notes: string;
  /** The report of the session that just ended. */
  last: SessionReport | null;
  setNotes: (patch: { category?: RequestCategory | null; notes?: string }) => void;
  setLast: (report: SessionReport | null) => void;
  resetNotes: () => void;
}

export const useReportStore = create<ReportStore>((set) => ({
  category: null,
  notes: '',
  last: null,
  setNotes: (patch) => set(patch),
  setLast: (last) => set({ last }),
  resetNotes: () => set({ category: null, notes: '' }),
}));
