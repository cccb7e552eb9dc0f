import { useEffect, useRef } from 'react';
import { useT } from '../i18n/language-store';
import { usePolicyStore } from '../policy/policy-store';
import { sessionController } from '../session/controller';
import { useSessionStore } from '../session/session-store';
import { VOICE } from './voice-feature';
import { useVoiceStore } from './voice-store';

/** Start, join, mute and leave the call; always shows when this side's microphone is live. */
export function VoicePanel({ peerName }: { peerName: string | null }) {
  const t = useT();
  const voice = useVoiceStore();
  const role = useSessionStore((store) => store.role);
  const voiceAllowed = usePolicyStore((store) => store.policy.capabilities.voice);
  const audio = useRef<HTMLAudioElement>(null);
  const call = () => sessionController.feature(VOICE);

  useEffect(() => {
    if (audio.current) audio.current.srcObject = voice.remoteStream;
  }, [voice.remoteStream]);

  // On the user's computer the organisation may turn voice off.
  if (role === 'user' && !voiceAllowed) return null;
  return (
    <section className="voice-panel" aria-label={t('voice.title')} data-testid="voice">
      <audio ref={audio} autoPlay />
      {voice.local ? (
        <>
          <p className={voice.muted ? 'badge' : 'badge mic-live'} role="status" data-testid="mic-indicator" data-live={!voice.muted}>
            {voice.muted ? t('voice.micMuted') : `🎙 ${t('voice.micLive')}`}
          </p>
          <button type="button" onClick={() => call()?.setMuted(!voice.muted)}>
            {voice.muted ? t('voice.unmute') : t('voice.mute')}
          </button>
          <button type="button" onClick={() => call()?.leave()}>
            {t('voice.leave')}
          </button>
        </>
      ) : (
        <>
          {voice.remote && (
            <p role="status" data-testid="voice-invite">
              {peerName ? t('voice.peerStarted', { name: peerName }) : t('voice.peerStartedAnon')}
            </p>
          )}
          <button type="button" onClick={() => void call()?.join()}>
            {voice.remote ? t('voice.join') : t('voice.start')}
          </button>
        </>
      )}
      {voice.remote && (
        <p className="muted" data-testid="peer-mic" data-muted={voice.remoteMuted}>
          {voice.remoteMuted ? t('voice.peerMuted') : t('voice.peerOn')}
        </p>
      )}
      {voice.problem && (
        <p className="problem" role="alert">
          {t('voice.noMicrophone')}
        </p>
      )}
    </section>
  );
}
