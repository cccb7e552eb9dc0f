import { sharingMessageSchema, type SharingWireMessage } from '../../../shared/chat';
import type { HostApi } from '../../../shared/host-api';
import { FeatureKey, type SessionFeature } from '../session/session-feature';
import { useSharingStore } from './sharing-store';

/**
 * The user pauses and resumes sharing. While paused the screen's tracks are disabled, so the
 * encoder sends black frames and nothing of the screen; control is released as well.
 */
export class SharingPause implements SessionFeature {
  constructor(
    private readonly role: 'user' | 'consultant',
    private readonly send: (message: SharingWireMessage) => void,
    private readonly localStream: () => MediaStream | null,
    private readonly host: HostApi,
  ) {}

  handle(raw: unknown): boolean {
    const parsed = sharingMessageSchema.safeParse(raw);
    if (!parsed.success) return false;
    // Only the user decides; on the user's side these messages mean nothing.
    if (this.role === 'consultant') useSharingStore.getState().setPaused(parsed.data.t === 'share.paused');
    return true;
  }

  async pause(): Promise<void> {
    if (this.role !== 'user') return;
    this.setTracks(false);
    useSharingStore.getState().setPaused(true);
    this.send({ t: 'share.paused' });
    await this.host.control.release({ reason: 'paused' }).catch(() => undefined);
  }

  resume(): void {
    if (this.role !== 'user') return;
    this.setTracks(true);
    useSharingStore.getState().setPaused(false);
    this.send({ t: 'share.resumed' });
  }

  dispose(): void {
    useSharingStore.getState().setPaused(false);
  }

  private setTracks(enabled: boolean): void {
    for (const track of this.localStream()?.getVideoTracks() ?? []) track.enabled = enabled;
  }
}

export const SHARING = new FeatureKey<SharingPause>('sharing', (context) => {
  useSharingStore.getState().setPaused(false);
  return new SharingPause(context.role, context.send, context.localStream, context.host);
});
