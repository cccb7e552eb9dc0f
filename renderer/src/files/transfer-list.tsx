import { MAX_CLIPBOARD_CHARS, MAX_FILE_BYTES } from '../../../shared/files';
import { useT, type Translate } from '../i18n/language-store';
import { activeFiles } from './active-files';
import { useFilesStore, type TransferView } from './files-store';

export const MAX_FILE_MB = MAX_FILE_BYTES / (1024 * 1024);
export { MAX_CLIPBOARD_CHARS };

export function formatBytes(t: Translate, bytes: number): string {
  if (bytes < 1024) return t('files.unit.B', { n: bytes });
  if (bytes < 1024 * 1024) return t('files.unit.KB', { n: Math.round(bytes / 1024) });
  return t('files.unit.MB', { n: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
}

const ACTIVE = new Set(['offered', 'transferring', 'verifying']);

/** Every transfer of the session, both ways, with progress, the answer to an offer, and cancel. */
export function TransferList({ peerName }: { peerName: string }) {
  const t = useT();
  const transfers = useFilesStore((store) => store.transfers);
  if (transfers.length === 0) return null;
  return (
    <ul className="transfer-list" aria-label={t('files.listLabel')} data-testid="transfer-list">
      {transfers.map((transfer) => (
        <TransferRow key={transfer.id} transfer={transfer} peerName={peerName} />
      ))}
    </ul>
  );
}

function statusText(t: Translate, transfer: TransferView, peerName: string): string {
  const percent = transfer.size === 0 ? 100 : Math.floor((transfer.transferred / transfer.size) * 100);
  switch (transfer.status) {
    case 'offered':
      return t('files.status.offered', { name: peerName });
    case 'transferring':
      return t('files.status.transferring', { percent });
    case 'done':
      return transfer.direction === 'in' ? t('files.status.saved', { file: transfer.savedAs ?? transfer.name }) : t('files.status.sent', { name: peerName });
    default:
      return t(`files.status.${transfer.status}`);
  }
}

function TransferRow({ transfer, peerName }: { transfer: TransferView; peerName: string }) {
  const t = useT();
  const files = activeFiles;
  const incoming = transfer.status === 'incoming';
  return (
    <li className="transfer" data-testid="transfer" data-direction={transfer.direction} data-status={transfer.status}>
      <div className="transfer-head">
        <span className="muted">{t(`files.direction.${transfer.direction}`)}</span>
        <strong className="file-name">{transfer.name}</strong>
        <span className="muted">{formatBytes(t, transfer.size)}</span>
      </div>
      {incoming && (
        <div className="panel-lite" role="alert">
          <p>{t('files.incomingTitle', { name: peerName })}</p>
          <p className="muted">{t('files.incomingDetail')}</p>
        </div>
      )}
      {(transfer.status === 'transferring' || transfer.status === 'verifying') && (
        <progress max={Math.max(transfer.size, 1)} value={transfer.size === 0 ? 1 : transfer.transferred} aria-label={t('files.progress', { file: transfer.name })} />
      )}
      <p className="status" role="status" data-testid="transfer-status">
        {statusText(t, transfer, peerName)}
      </p>
      <div className="actions">
        {incoming && (
          <>
            <button type="button" className="primary" onClick={() => void files()?.accept(transfer.id)}>
              {t('files.accept')}
            </button>
            <button type="button" onClick={() => files()?.decline(transfer.id)}>
              {t('files.decline')}
            </button>
          </>
        )}
        {ACTIVE.has(transfer.status) && transfer.status !== 'verifying' && (
          <button type="button" onClick={() => files()?.cancel(transfer.id)}>
            {t('files.cancel')}
          </button>
        )}
      </div>
    </li>
  );
}
