import { useRef } from 'react';
import { activeFiles, offerBrowserFile } from '../../files/active-files';
import { ClipboardOffer } from '../../files/clipboard-offer';
import { useFilesStore } from '../../files/files-store';
import { MAX_FILE_MB, TransferList } from '../../files/transfer-list';
import { useT } from '../../i18n/language-store';

/** The consultant's files and clipboard: send a file, ask for one, send clipboard text once. */
export function FilesPanel({ peerName }: { peerName: string }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const request = useFilesStore((store) => store.request);
  const preparing = useFilesStore((store) => store.preparing);
  const pickNotice = useFilesStore((store) => store.pickNotice);

  return (
    <details className="toolkit-panel files-panel" data-testid="files-panel" open>
      <summary>{t('files.title')}</summary>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void offerBrowserFile(file);
        }}
      />
      <div className="actions">
        <button type="button" disabled={preparing} onClick={() => input.current?.click()}>
          {t('files.send')}
        </button>
        <button type="button" disabled={request === 'asked'} onClick={() => activeFiles()?.requestFile()}>
          {t('files.ask')}
        </button>
        <button type="button" onClick={() => void activeFiles()?.sendClipboard()}>
          {t('clipboard.send')}
        </button>
      </div>
      <p className="muted">{t('files.limit', { max: MAX_FILE_MB })}</p>
      {preparing && (
        <p className="status" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('files.preparing')}
        </p>
      )}
      {pickNotice && (
        <p className="status warning" role="alert" data-testid="pick-notice">
          {t(`files.notice.${pickNotice}`, { max: MAX_FILE_MB })}
        </p>
      )}
      {request !== 'none' && (
        <p className="status" role="status" data-testid="file-request" data-state={request}>
          {t(`files.request.${request}`, { name: peerName })}
        </p>
      )}
      <TransferList peerName={peerName} />
      <ClipboardOffer peerName={peerName} />
    </details>
  );
}
