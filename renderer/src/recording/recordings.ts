import { expiredRecordings, type RecordingAction, type RecordingMeta } from '../../../shared/recording';
import type { ClientMessage } from '../../../shared/signaling';
import { accountClient } from '../accounts/account';
import { getHost } from '../host/host';
import { connectSignaling } from '../session/signaling-client';
import { createIndexedDbVaultBackend } from './indexeddb-vault';
import { RecordingVault } from './recording-vault';

let vault: RecordingVault | null = null;

/** This app's recordings (IndexedDB of the page: the desktop app's renderer or the consultant's browser). */
export function recordingVault(): RecordingVault {
  vault ??= new RecordingVault(createIndexedDbVaultBackend());
  return vault;
}

const AUDIT_TIMEOUT_MS = 10_000;

/**
 * Writes what the consultant did with a stored recording to the server's audit trail: on the
 * signed-in connection when there is one (the entry lands in their organisation's trail),
 * else on a short connection of its own. Resolves true once the server recorded it; playing,
 * exporting and deleting wait for that, so none of them happens without its entry.
 */
export async function auditRecording(action: RecordingAction, recording: RecordingMeta, reason?: 'consultant' | 'retention'): Promise<boolean> {
  const message: ClientMessage = { type: 'recording.audit', action, recordingId: recording.id, sessionId: recording.sessionId, ...(reason ? { reason } : {}) };
  const expected = `recording.${action}`;
  const signedIn = accountClient.signedInConnection;
  if (signedIn) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(false), AUDIT_TIMEOUT_MS);
      const unlisten = accountClient.listen({
        onMessage: (reply) => {
          if (reply.type === 'audit.recorded' && reply.eventType === expected) settle(true);
          else if (reply.type === 'error' && reply.replyTo === 'recording.audit') settle(false);
        },
        onLost: () => settle(false),
      });
      function settle(ok: boolean) {
        clearTimeout(timer);
        unlisten();
        resolve(ok);
      }
      signedIn.send(message);
    });
  }
  const url = (await getHost().settings.get()).serverUrl;
  let settle: (ok: boolean) => void = () => {};
  const answered = new Promise<boolean>((resolve) => (settle = resolve));
  const connection = await connectSignaling(url, {
    onMessage: (reply) => {
      if (reply.type === 'audit.recorded' && reply.eventType === expected) settle(true);
      else if (reply.type === 'error') settle(false);
    },
    onLost: () => settle(false),
  }).catch(() => null);
  if (!connection) return false;
  const timer = setTimeout(() => settle(false), AUDIT_TIMEOUT_MS);
  connection.send(message);
  const ok = await answered;
  clearTimeout(timer);
  connection.close();
  return ok;
}

/**
 * Deletes the recordings past the organisation's retention (the managed policy of this app;
 * 30 days without one), each only once its deletion is in the audit trail. Returns how many.
 */
export async function applyRetention(retentionDays: number, now = Date.now()): Promise<number> {
  const store = recordingVault();
  let deleted = 0;
  for (const recording of expiredRecordings(await store.list(), now, retentionDays)) {
    if (!(await auditRecording('deleted', recording, 'retention'))) break;
    await store.remove(recording.id);
    deleted += 1;
  }
  return deleted;
}
