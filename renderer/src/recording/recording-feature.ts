import { useChatStore } from '../chat/chat-store';
import { useControlStore } from '../control/control-store';
import { usePolicyStore } from '../policy/policy-store';
import { FeatureKey } from '../session/session-feature';
import { useSessionStore } from '../session/session-store';
import { useSharingStore } from '../sharing/sharing-store';
import { useVoiceStore } from '../voice/voice-store';
import { ConsultantRecorder, type TimelineSources } from './consultant-recorder';
import { startMediaRecorder } from './media-recorder';
import { recordingVault } from './recordings';
import { UserRecording } from './user-recording';

/** What the session's stores say as it happens, as timeline lines (chat, voice, control, pause). */
const storeTimeline: TimelineSources = {
  watch(onLine) {
    // Only messages written while recording go into its timeline.
    const seen = new Set(useChatStore.getState().entries.map((entry) => entry.id));
    const subscriptions = [
      useChatStore.subscribe(({ entries }) => {
        for (const entry of entries) {
          if (seen.has(entry.id)) continue;
          seen.add(entry.id);
          onLine({ kind: 'chat', from: entry.from === 'me' ? 'consultant' : 'user', text: entry.text.slice(0, 2000), at: entry.at });
        }
      }),
      useVoiceStore.subscribe((now, before) => {
        const on = now.local || now.remote;
        if (on !== (before.local || before.remote)) onLine({ kind: 'event', event: on ? 'voice.on' : 'voice.off' });
      }),
      useControlStore.subscribe((now, before) => {
        const granted = now.status.state === 'granted';
        if (granted !== (before.status.state === 'granted')) onLine({ kind: 'event', event: granted ? 'control.on' : 'control.off' });
      }),
      useSharingStore.subscribe((now, before) => {
        if (now.paused !== before.paused) onLine({ kind: 'event', event: now.paused ? 'sharing.paused' : 'sharing.resumed' });
      }),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  },
};

const voiceStreams = () => [useVoiceStore.getState().localStream, useVoiceStore.getState().remoteStream].filter((stream): stream is MediaStream => stream !== null);

/** Recording in a live session: the person's consent on the user's side, the recorder on the consultant's. */
export const RECORDING = new FeatureKey<UserRecording | ConsultantRecorder>('recording', (context) => {
  if (context.role === 'user') {
    return new UserRecording({
      host: context.host,
      consultantName: context.peerName || '?',
      mode: usePolicyStore.getState().policy.recording.mode,
      send: context.send,
      audit: context.audit,
    });
  }
  return new ConsultantRecorder({
    send: context.send,
    audit: context.audit,
    vault: recordingVault(),
    peerName: context.peerName,
    sessionId: context.sessionId,
    video: () => {
      const state = useSessionStore.getState().state;
      return state.phase === 'live' ? state.stream : null;
    },
    voices: {
      current: voiceStreams,
      watch: (onStream) => useVoiceStore.subscribe(() => voiceStreams().forEach(onStream)),
    },
    timeline: storeTimeline,
    startRecorder: startMediaRecorder,
    now: () => Date.now(),
  });
});
