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
import { useRemoteViewport } from './use-remote-viewport';
import { ViewToolbar } from './view-toolbar';
import { RecordingControls } from '../../recording/recording-controls';

const sendInput = (event: InputEvent) => consultantControl()?.input(event);

/**
 * The user's screen, filling the window below one compact toolbar: Fit (letterboxed, never
 * cropped), 100 % or a zoom (scroll to pan), in the window or fullscreen. The toolbar, the
 * notices and the safety code are inside the stage, so they stay reachable in fullscreen.
 */
export function RemoteView({ stream, route, onEnd }: { stream: MediaStream | null; route: Route | null; onEnd: () => void }) {
  const t = useT();
  const { stage, scroller, video, mode, layout, videoSize, shownZoom, fullscreen, notice, act, locate, onKeyDownCapture } = useRemoteViewport(stream);
  const inControl = useControlStore((store) => store.status.state === 'granted');
  const paused = useSharingStore((store) => store.paused);
  const drawing = useOverlayStore((store) => store.drawing) && !inControl;
  const frameClass = ['video-frame', inControl ? 'in-control' : '', mode.kind === 'fit' ? 'fit' : 'zoomed'].filter(Boolean).join(' ');

  return (
    <section className="remote-view" aria-label={t('give.liveTitle')} onKeyDownCapture={onKeyDownCapture}>
      <div ref={stage} className={fullscreen ? 'view-stage fullscreen' : 'view-stage'} data-testid="view-stage">
        <div className="remote-toolbar" data-testid="remote-toolbar">
          <p className="status" role="status" data-testid="consultant-status">
            <span className="dot connected" aria-hidden="true" />
            {t('give.statusConnected')}
            {route && <span data-testid="route"> · {t(route === 'relayed' ? 'give.routeRelayed' : 'give.routeDirect')}</span>}
            {videoSize && <span className="muted"> · {t('give.resolution', { width: videoSize.width, height: videoSize.height })}</span>}
          </p>
          <ControlToolbar />
          <RecordingControls />
          {!inControl && <DrawToolbar />}
          <ViewToolbar mode={mode} shownZoom={shownZoom} fullscreen={fullscreen} notice={notice} act={act} />
          <ScreenshotButton video={video} />
          <button type="button" className="danger" onClick={onEnd}>
            {t('give.end')}
          </button>
        </div>
        <ConnectionNotice peerName={null} role="consultant" />
        <div className="video-area">
          <div ref={scroller} className={frameClass} data-testid="view-scroller">
            <div
              className="view-picture"
              data-testid="view-picture"
              style={layout ? { width: layout.width, height: layout.height } : undefined}
            >
              <video ref={video} data-testid="remote-video" autoPlay playsInline muted aria-label={t('give.videoLabel')} />
              {inControl && !paused && <InputSurface locate={locate} send={sendInput} />}
              {drawing && !paused && <DrawSurface locate={locate} />}
            </div>
          </div>
          {paused && (
            <p className="paused-overlay" role="status" data-testid="paused">
              {t('sharing.pausedConsultant')}
            </p>
          )}
        </div>
        {/* Inside the stage, not beside it: in fullscreen only the stage shows, and a sibling would cover its controls. */}
        <SafetyCodeReadout />
        <p className="muted view-hint">
          {inControl ? `${t('control.hint')} ` : drawing ? `${t('overlay.hint')} ` : ''}
          {t('view.shortcutsHint')}
        </p>
      </div>
      <VoicePanel peerName={null} />
      <ToolkitPanel />
      <ReportNotes />
      <ChatPanel peerName={null} />
      <FilesPanel peerName={t('files.thePerson')} />
    </section>
  );
}
