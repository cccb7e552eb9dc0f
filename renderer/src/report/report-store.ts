import { create } from 'zustand';
import type { RequestCategory } from '../../../shared/queue';
import { MAX_SCREENSHOTS, type ReportScreenshot, type SessionReport } from '../../../shared/report';

/** A screenshot in this side's report; only the consultant's side has the picture. */
export interface Screenshot extends ReportScreenshot {
  png?: Uint8Array;
}

interface ReportStore {
  /** Consultant's notes and the problem's category (the user receives the consultant's). */
  category: RequestCategory | null;
  notes: string;
  /** The report of the session that just ended. */
  last: SessionReport | null;
  setNotes: (patch: { category?: RequestCategory | null; notes?: string }) => void;
  setLast: (report: SessionReport | null) => void;
  /** A new session: no notes, no category, no screenshots. */
  resetSession: () => void;
  /** The session's screenshots, oldest first; they stay with the ended session's report (never in the history). */
  screenshots: Screenshot[];
  addScreenshot: (screenshot: Screenshot) => boolean;
  removeScreenshot: (id: string) => void;
}

export const useReportStore = create<ReportStore>((set, get) => ({
  category: null,
  notes: '',
  last: null,
  screenshots: [],
  setNotes: (patch) => set(patch),
  setLast: (last) => set({ last }),
  resetSession: () => set({ category: null, notes: '', screenshots: [] }),
  addScreenshot: (screenshot) => {
    const { screenshots } = get();
    if (screenshots.length >= MAX_SCREENSHOTS || screenshots.some((existing) => existing.id === screenshot.id)) return false;
    set({ screenshots: [...screenshots, screenshot] });
    return true;
  },
  removeScreenshot: (id) => set({ screenshots: get().screenshots.filter((screenshot) => screenshot.id !== id) }),
}));
