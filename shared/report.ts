/** The session report both sides get when a session ends, and the notes that travel to the user. */
import * as z from 'zod';
import { requestCategorySchema } from './queue';

export const MAX_NOTES = 4000;

/** Consultant → user over the data channel, whenever the consultant edits them. */
export const reportNotesMessageSchema = z.strictObject({
  t: z.literal('report.notes'),
  category: requestCategorySchema.nullable(),
  notes: z.string().max(MAX_NOTES),
});
export type ReportNotesMessage = z.infer<typeof reportNotesMessageSchema>;

/** Screenshots one session's report keeps at most (each is a full-resolution PNG in memory). */
export const MAX_SCREENSHOTS = 20;
const screenshotId = z.string().min(1).max(64);

/**
 * Screenshots the consultant takes for the report. The picture stays on the consultant's side;
 * the user is told one was taken, sees it listed, and may remove it (either side's removal
 * reaches the other).
 */
export const reportScreenshotMessageSchema = z.discriminatedUnion('t', [
  z.strictObject({
    t: z.literal('report.screenshot'),
    id: screenshotId,
    takenAt: z.number().int().nonnegative(),
    width: z.number().int().min(1).max(16_384),
    height: z.number().int().min(1).max(16_384),
  }),
  z.strictObject({ t: z.literal('report.screenshotRemoved'), id: screenshotId }),
]);
export type ReportScreenshotMessage = z.infer<typeof reportScreenshotMessageSchema>;
export type ReportScreenshot = Omit<Extract<ReportScreenshotMessage, { t: 'report.screenshot' }>, 't'>;

export const sessionReportSchema = z.strictObject({
  id: z.string().max(64),
  role: z.enum(['user', 'consultant']),
  startedAt: z.number().int(),
  endedAt: z.number().int(),
  peerName: z.string().max(120),
  endReason: z.string().max(40),
  category: requestCategorySchema.nullable(),
  notes: z.string().max(MAX_NOTES),
  diagnostics: z.strictObject({ ok: z.number().int(), warn: z.number().int(), fail: z.number().int(), unknown: z.number().int(), problems: z.array(z.string().max(400)).max(10) }).nullable(),
  controlPeriods: z.array(z.strictObject({ from: z.number().int(), to: z.number().int() })).max(100),
  repairs: z.array(z.strictObject({ id: z.string().max(64), title: z.string().max(200), status: z.string().max(20) })).max(50),
  files: z.array(z.strictObject({ name: z.string().max(255), direction: z.enum(['in', 'out']), bytes: z.number().int().nonnegative(), status: z.string().max(20) })).max(100),
  messages: z.number().int().nonnegative(),
  /** Consultant: the recordings made during the session (kept by this app, see shared/recording.ts). */
  recordingIds: z.array(z.uuid()).max(20).optional(),
});
export type SessionReport = z.infer<typeof sessionReportSchema>;

/** Reports kept on this computer at most; the oldest go first. */
export const MAX_REPORT_HISTORY = 50;
