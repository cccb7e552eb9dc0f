import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/language-store';
import { SHORTCUTS, type ViewAction } from './view-shortcuts';
import { zoomPercent, type ViewNotice } from './use-remote-viewport';
import type { ViewMode } from '../../control/video-mapping';

function noticeText(notice: ViewNotice, t: ReturnType<typeof useT>): string {
  switch (notice.kind) {
    case 'fit':
      return t('view.announceFit');
    case 'zoom':
      return notice.percent === 100 ? t('view.announceActualSize') : t('view.announceZoom', { percent: notice.percent });
    case 'fullscreen':
      return t(notice.on ? 'view.announceFullscreen' : 'view.announceWindowed');
    case 'fullscreen-failed':
      return t('view.fullscreenFailed');
    case 'zoom-limit':
      return t('view.zoomLimit');
  }
}

interface ViewToolbarProps {
  mode: ViewMode;
  /** The zoom being shown (Fit included), null before the first frame. */
  shownZoom: number | null;
  fullscreen: boolean;
  notice: ViewNotice | null;
  act: (action: ViewAction) => void;
}

/** How the person's screen is shown: Fit, 100 %, zoom and fullscreen, each with its shortcut. */
export function ViewToolbar({ mode, shownZoom, fullscreen, notice, act }: ViewToolbarProps) {
  const t = useT();
  const button = (action: ViewAction, label: MessageKey, extra: { pressed?: boolean; text?: string; testId: string }) => (
    <button
      type="button"
      aria-pressed={extra.pressed}
      aria-keyshortcuts={SHORTCUTS[action]}
      title={`${t(label)} (${SHORTCUTS[action]})`}
      aria-label={extra.text === undefined ? undefined : t(label)}
      data-testid={extra.testId}
      onClick={() => act(action)}
    >
      {extra.text ?? t(label)}
    </button>
  );
  return (
    <div className="view-toolbar" role="group" aria-label={t('view.toolbar')} data-testid="view-toolbar">
      {button('fit', 'view.fit', { pressed: mode.kind === 'fit', testId: 'view-fit' })}
      {button('actual-size', 'view.actualSize', { pressed: mode.kind === 'zoom' && mode.zoom === 1, testId: 'view-actual-size' })}
      {button('zoom-out', 'view.zoomOut', { text: '−', testId: 'view-zoom-out' })}
      <span className="zoom-level" data-testid="view-zoom-level">
        {shownZoom === null ? '' : t('view.zoomLevel', { percent: zoomPercent(shownZoom) })}
      </span>
      {button('zoom-in', 'view.zoomIn', { text: '+', testId: 'view-zoom-in' })}
      {button('fullscreen', fullscreen ? 'view.leaveFullscreen' : 'view.fullscreen', { testId: 'view-fullscreen' })}
      <p className="visually-hidden" role="status" data-testid="view-announcement">
        {notice ? noticeText(notice, t) : ''}
      </p>
    </div>
  );
}
