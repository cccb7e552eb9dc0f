import { useT } from '../i18n/language-store';
import { activeFiles } from './active-files';
import { useFilesStore } from './files-store';
import { MAX_CLIPBOARD_CHARS } from './transfer-list';

/** The receiving side's question before anything touches its clipboard, and each side's notices. */
export function ClipboardOffer({ peerName }: { peerName: string }) {
  const t = useT();
  const offer = useFilesStore((store) => store.clipboardOffer);
  const notice = useFilesStore((store) => store.clipboardNotice);
  return (
    <>
      {offer !== null && (
        <section className="panel clipboard-offer" data-testid="clipboard-offer">
          <h2>{t('clipboard.offerTitle', { name: peerName })}</h2>
          {/* Shown as plain text: nothing in it is a link or markup. */}
          <pre className="clipboard-text" aria-label={t('clipboard.textLabel')} data-testid="clipboard-text">
            {offer}
          </pre>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void activeFiles()?.answerClipboard(true)}>
              {t('clipboard.put')}
            </button>
            <button type="button" onClick={() => void activeFiles()?.answerClipboard(false)}>
              {t('clipboard.dontPut')}
            </button>
          </div>
        </section>
      )}
      {notice && (
        <p className="muted" role="status" data-testid="clipboard-notice" data-notice={notice}>
          {t(`clipboard.notice.${notice}`, { name: peerName, max: MAX_CLIPBOARD_CHARS })}
        </p>
      )}
    </>
  );
}
