import { answerRequestWithHostFile, activeFiles } from '../../files/active-files';
import { ClipboardOffer } from '../../files/clipboard-offer';
import { useFilesStore } from '../../files/files-store';
import { MAX_FILE_MB, TransferList } from '../../files/transfer-list';
import { getHost } from '../../host/host';
import { useT } from '../../i18n/language-store';

/** What the consultant asks or sends (files, clipboard text), as the user sees and answers it. */
export function FilesPrompts({ peerName }: { peerName: string }) {
  const t = useT();
  const request = useFilesStore((store) => store.request);
  const pickNotice = useFilesStore((store) => store.pickNotice);

  return (
    <>
      {request === 'asked' && (
        <section className="panel" data-testid="file-request-prompt">
          <h2>{t('files.user.askedTitle', { name: peerName })}</h2>
          <p>{t('files.user.askedDetail')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void answerRequestWithHostFile(getHost())}>
              {t('files.user.choose')}
            </button>
            <button type="button" onClick={() => activeFiles()?.declineRequest()}>
              {t('files.user.dontSend')}
            </button>
          </div>
        </section>
      )}
      {pickNotice && (
        <p className="status warning" role="alert" data-testid="pick-notice">
          {t(`files.notice.${pickNotice}`, { max: MAX_FILE_MB })}
        </p>
      )}
      <TransferList peerName={peerName} />
      <ClipboardOffer peerName={peerName} />
      <div className="actions">
        <button type="button" onClick={() => void activeFiles()?.sendClipboard()}>
          {t('clipboard.send')}
        </button>
      </div>
    </>
  );
}
