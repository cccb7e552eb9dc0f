/**
 * Consented session recording (issue 18): the messages the two apps exchange about it, the
 * organisation's policy, what a stored recording looks like, and its retention rule.
 *
 * The consultant's app records (the session's video and, when voice is on, both voices) only
 * after the user allowed it in the host's native prompt; the user can stop it at any time.
 */
import * as z from 'zod';

/** What a managed policy says about recording sessions with this computer (key `sessionRecording`). */
export const recordingModeSchema = z.enum(['allowed', 'required', 'forbidden']);
export type RecordingMode = z.infer<typeof recordingModeSchema>;

/** How long a consultant's app keeps a recording before deleting it (key `recordingRetentionDays`). */
export const recordingRetentionDaysSchema = z.number().int().min(1).max(3650);
export const DEFAULT_RECORDING_RETENTION_DAYS = 30;

/**
 * MediaRecorder hands over a chunk this often; each chunk is stored at once, so a crash of the
 * consultant's app loses at most this much of the recording.
 */
export const RECORDING_TIMESLICE_MS = 1000;

/** Why the user's side refused to record, or stopped. */
export const recordingRefusalSchema = z.enum(['declined', 'not-allowed', 'busy']);
export type RecordingRefusal = z.infer<typeof recordingRefusalSchema>;

/** Consultant → user, over the data channel. */
export const toUserRecordingSchema = z.discriminatedUnion('t', [
  z.strictObject({ t: z.literal('recording.request') }),
  /** After a lost link: is the yes still standing? (answered with `recording.granted` or `recording.stopped`) */
  z.strictObject({ t: z.literal('recording.confirm') }),
  /** The consultant stopped recording on their side. */
  z.strictObject({ t: z.literal('recording.ended') }),
]);
export type ToUserRecording = z.infer<typeof toUserRecordingSchema>;

/** User → consultant, over the data channel. */
export const toConsultantRecordingSchema = z.discriminatedUnion('t', [
  /** Sent when the session's features start: whether the consultant may ask, and whether the organisation expects it. */
  z.strictObject({ t: z.literal('recording.policy'), mode: recordingModeSchema }),
  /** The person allowed it; sent again when a lost link is back and the yes still stands. */
  z.strictObject({ t: z.literal('recording.granted') }),
  z.strictObject({ t: z.literal('recording.refused'), reason: recordingRefusalSchema }),
  /** The user pressed "Stop recording" (or, after a lost link, is not recording): the consultant's recorder stops at once. */
  z.strictObject({ t: z.literal('recording.stopped') }),
]);
export type ToConsultantRecording = z.infer<typeof toConsultantRecordingSchema>;

/** One line of the chat/timeline sidecar (JSON lines), `at` in ms since the recording started. */
export const timelineLineSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('chat'), at: z.number().int().nonnegative(), from: z.enum(['consultant', 'user']), text: z.string().max(2000) }),
  z.strictObject({
    kind: z.literal('event'),
    at: z.number().int().nonnegative(),
    event: z.enum(['recording.started', 'recording.stopped', 'recording.held', 'recording.resumed', 'voice.on', 'voice.off', 'control.on', 'control.off', 'sharing.paused', 'sharing.resumed']),
  }),
]);
export type TimelineLine = z.infer<typeof timelineLineSchema>;

/** Why a recording ended. */
export const recordingEndSchema = z.enum(['consultant', 'user', 'session-ended', 'failed']);
export type RecordingEnd = z.infer<typeof recordingEndSchema>;

/** What the consultant's app keeps about one recording, beside its chunks and timeline. */
export const recordingMetaSchema = z.strictObject({
  id: z.uuid(),
  /** The session in the server's audit trail, when the server gave one. */
  sessionId: z.uuid().nullable(),
  peerName: z.string().max(120),
  startedAt: z.number().int().nonnegative(),
  /** null while recording, or when the app stopped before it could write the end (a crash). */
  endedAt: z.number().int().nonnegative().nullable(),
  endedBy: recordingEndSchema.nullable(),
  mimeType: z.string().max(100),
  chunks: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type RecordingMeta = z.infer<typeof recordingMetaSchema>;

const DAY_MS = 24 * 3600 * 1000;

/** The recordings past their retention, by start time (an unfinished one counts from its start too). */
export function expiredRecordings(recordings: readonly RecordingMeta[], now: number, retentionDays: number): RecordingMeta[] {
  const cutoff = now - retentionDays * DAY_MS;
  return recordings.filter((recording) => recording.startedAt < cutoff);
}

/** What the consultant's app did with a stored recording, for the audit trail (message `recording.audit`). */
export const recordingActionSchema = z.enum(['played', 'exported', 'deleted']);
export type RecordingAction = z.infer<typeof recordingActionSchema>;

export const recordingAuditMessageSchema = z.strictObject({
  type: z.literal('recording.audit'),
  action: recordingActionSchema,
  recordingId: z.uuid(),
  sessionId: z.uuid().nullable(),
  /** For deletions: by the consultant, or by the retention rule. */
  reason: z.enum(['consultant', 'retention']).optional(),
});
