import { useState } from 'react';
import type { QueueItem } from '../../../../shared/queue';
import { useT } from '../../i18n/language-store';

/**
 * Bulk dismissal of abuse (issue 15, weakness 5): the consultant ticks waiting requests, or a
 * whole network by its opaque label, then confirms once. Nothing is dismissed without the
 * confirmation step; the people concerned see a neutral ending.
 */
export function SelectForDismissal({ item, checked, networkCount, onToggle, onSelectNetwork }: { item: QueueItem; checked: boolean; networkCount: number; onToggle: () => void; onSelectNetwork: () => void }) {
  const t = useT();
  const id = `select-${item.id}`;
  return (
    <div className="select-for-dismissal">
      <input type="checkbox" id={id} checked={checked} onChange={onToggle} />
      <label htmlFor={id}>{t('queue.select', { name: item.contactName })}</label>
      <span className="muted" data-testid="network-group">
        {t('queue.networkGroup', { label: item.networkGroup })}
      </span>
      {networkCount > 1 && (
        <button type="button" onClick={onSelectNetwork} aria-label={t('queue.selectNetworkFor', { name: item.contactName, count: networkCount })}>
          {t('queue.selectNetwork', { count: networkCount })}
        </button>
      )}
    </div>
  );
}

export function DismissSelected({ count, onDismiss, onClear }: { count: number; onDismiss: (sameNetwork: boolean) => void; onClear: () => void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [sameNetwork, setSameNetwork] = useState(false);
  if (count === 0) return null;
  return (
    <section className="dismiss-selected" aria-labelledby="dismiss-selected-title" data-testid="dismiss-selected">
      <h3 id="dismiss-selected-title">{t('queue.selectedCount', { count })}</h3>
      <p>
        <input type="checkbox" id="dismiss-same-network" checked={sameNetwork} onChange={(event) => setSameNetwork(event.target.checked)} />
        <label htmlFor="dismiss-same-network">{t('queue.dismissSameNetwork')}</label>
      </p>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="dismiss-confirm-text" className="warning">
          <p id="dismiss-confirm-text">{t(sameNetwork ? 'queue.dismissConfirmNetwork' : 'queue.dismissConfirm', { count })}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                onDismiss(sameNetwork);
              }}
            >
              {t('queue.dismissConfirmButton', { count })}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('queue.dismissKeep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('queue.dismissAsAbuse')}
          </button>
          <button type="button" onClick={onClear}>
            {t('queue.clearSelection')}
          </button>
        </div>
      )}
    </section>
  );
}
