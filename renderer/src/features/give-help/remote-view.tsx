import { useEffect, useRef, useState } from 'react';
import type { InputEvent } from '../../../../shared/control';
import { useControlStore } from '../../control/control-store';
import { useT } from '../../i18n/language-store';
import { consultantControl } from '../../control/active-control';
import { ControlToolbar } from './control-toolbar';
import { FilesPanel } from './files-panel';
import { InputSurface } from './input-surface';
import { ChatPanel } from '../../chat/chat-panel';
import { useSharingStore } from '../../sharing/sharing-store';
import { ReportNotes } from '../../report/report-notes';
import { ScreenshotButton } from '../../report/screenshot-button';
import { VoicePanel } from '../../voice/voice-panel';
import { ToolkitPanel } from './toolkit-panel';
import { DrawSurface } from '../../overlay/draw-surface';
import { DrawToolbar } from '../../overlay/draw-toolbar';
import { useOverlayStore } from '../../overlay/overlay-store';
import type { Route } from '../../session/session-state';
import { ConnectionNotice } from '../../components/connection-notice';
import { SafetyCodeReadout } from '../../components/safety-code';
import { RecordingControls } from '../../recording/recording-controls';

const sendInput = (event: InputEvent) => consultantControl()?.input(event);

/** The user's screen, scaled to fit (letterboxed, never cropped), with the connection's state. */
export function RemoteView({ stream, route, onEnd }: { stream: MediaStream | null; route: Route | null; onEnd: () => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const inControl = useControlStore((store) => store.status.state === 'granted');
  const paused = useSharingStore((store) => store.paused);
  const drawing = useOverlayStore((store) => store.drawing) && !inControl;

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    const onResize = () => setSize({ width: element.videoWidth, height: element.videoHeight });
    element.addEventListener('resize', onResize);
    return () => {
      element.removeEventListener('resize', onResize);
      element.srcObject = null;
    };
  }, [stream]);

  return (
    <section className="remote-view" aria-label={t('give.liveTitle')}>
      <div className="remote-toolbar">
        <p className="status" role="status" data-testid="consultant-status">
          <span className="dot connected" aria-hidden="true" />
          {t('give.statusConnected')}
          {route && <span data-testid="route"> · {t(route === 'relayed' ? 'give.routeRelayed' : 'give.routeDirect')}</span>}
          {size && <span className="muted"> · {t('give.resolution', size)}</span>}
        </p>
        <button type="button" className="danger" onClick={onEnd}>
          {t('give.end')}
        </button>
      </div>
      <ConnectionNotice peerName={null} role="consultant" />
      <ControlToolbar />
      <RecordingControls />
      {!inControl && <DrawToolbar />}
      <ScreenshotButton video={video} />
      <div className={inControl ? 'video-frame in-control' : 'video-frame'}>
        <video ref={video} data-testid="remote-video" autoPlay playsInline muted aria-label={t('give.videoLabel')} />
        {inControl && !paused && <InputSurface video={video} send={sendInput} />}
        {drawing && !paused && <DrawSurface video={video} />}
        {paused && (
          <p className="paused-overlay" role="status" data-testid="paused">
            {t('sharing.pausedConsultant')}
          </p>
        )}
      </div>
      {/* Inside the view, not beside it: the view fills the screen and a sibling would cover its controls. */}
      <SafetyCodeReadout />
      {inControl && <p className="muted">{t('control.hint')}</p>}
      {drawing && <p className="muted">{t('overlay.hint')}</p>}
      <VoicePanel peerName={null} />
      <ToolkitPanel />
      <ReportNotes />
      <ChatPanel peerName={null} />
      <FilesPanel peerName={t('files.thePerson')} />
    </section>
  );
}
