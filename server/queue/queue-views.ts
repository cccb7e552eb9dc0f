import { MAX_MESSAGE_BYTES, type ServerMessage } from '../../shared/signaling';
import { intakeQuestion } from '../../shared/intake';
import { REQUEST_LIMITS, type QueueItem } from '../../shared/queue';
import type { HelpRequest } from './request-store';

/** Pure builders for what the queue sends: status lines for users, snapshot items for consultants. */
type StatusMessage = Extract<ServerMessage, { type: 'request.status' }>;
type SnapshotMessage = Extract<ServerMessage, { type: 'queue.snapshot' }>;

/** pastTarget: it waits longer than its target (wait-targets.ts), which the person is told. */
export function statusOf(request: HelpRequest, position: number | null, estimatedWaitMs: number | null, pastTarget = false): StatusMessage {
  const waiting = request.state === 'waiting';
  return {
    type: 'request.status',
    requestId: request.id,
    state: request.state,
    position: waiting ? position : null,
    estimatedWaitMs: waiting ? estimatedWaitMs : null,
    detailsCount: request.detailsCount,
    outcome: request.outcome,
    handedOff: waiting && request.assignedTo !== null,
    pastTarget: waiting && pastTarget,
  };
}

export function preview(text: string): string {
  return text.length <= REQUEST_LIMITS.descriptionPreview ? text : `${text.slice(0, REQUEST_LIMITS.descriptionPreview)}…`;
}

/** The list's line: the description, or else the intake's answers in the person's own words (choices, stored by id, are shown in the detail's summary). */
const previewOf = (request: HelpRequest) => {
  const written = request.intake?.answers.filter((a) => intakeQuestion(request.category, a.question)?.kind === 'text') ?? [];
  return preview(request.description || written.map((a) => a.answer).join(' · '));
};

/** The fields the queue list and the full request share. */
export function baseItemOf(request: HelpRequest, names: ReadonlyMap<number, string>, online: boolean, now: number, networkGroup: string, targetMs: number): Omit<QueueItem, 'descriptionPreview' | 'diagnostics'> {
  const ref = (id: number | null) => (id === null ? null : { id, name: names.get(id) ?? '?' });
  return {
    id: request.id,
    category: request.category,
    contactName: request.contactName,
    state: request.state === 'claimed' ? 'claimed' : 'waiting',
    createdAt: request.createdAt,
    waitingMs: Math.max(0, (request.claimedAt ?? now) - request.createdAt),
    claimedBy: ref(request.claimedBy),
    assignedTo: ref(request.assignedTo),
    userOnline: online,
    detailsCount: request.detailsCount,
    networkGroup,
    targetMs,
    ...(request.channel === 'email' ? { channel: 'email' as const } : {}),
  };
}

export function itemOf(request: HelpRequest, names: ReadonlyMap<number, string>, online: boolean, now: number, networkGroup: string, targetMs: number): QueueItem {
  return { ...baseItemOf(request, names, online, now, networkGroup, targetMs), descriptionPreview: previewOf(request), diagnostics: request.diagnosticsSummary };
}

/** At most snapshotItems items, and fewer if needed to stay under the wire limit (with room to spare). */
export function snapshotOf(items: readonly QueueItem[], now: number): SnapshotMessage {
  const kept = items.slice(0, REQUEST_LIMITS.snapshotItems);
  const budget = MAX_MESSAGE_BYTES - 1024;
  let message: SnapshotMessage = { type: 'queue.snapshot', items: kept, total: items.length, at: now };
  while (message.items.length > 0 && Buffer.byteLength(JSON.stringify(message)) > budget) {
    message = { ...message, items: message.items.slice(0, -1) };
  }
  return message;
}
