import { useState } from 'react';
import { COMBOS, comboSchema, type Combo } from '../../../../shared/control';
import { useControlStore } from '../../control/control-store';
import { useT } from '../../i18n/language-store';
import { ScreenSwitcher } from './screen-switcher';
import { consultantControl } from '../../control/active-control';

/** The consultant's control state, always visible, and the actions that go with it. */
export function ControlToolbar() {
  const t = useT();
  const status = useControlStore((store) => store.status);
  const dropped = useControlStore((store) => Object.values(store.dropped).reduce((sum, count) => sum + count, 0));
  const [combo, setCombo] = useState<Combo>('ctrl-alt-delete');
  const granted = status.state === 'granted';

  return (
    <div className="control-toolbar" data-testid="control-toolbar" data-state={status.state}>
      <p className={granted ? 'badge in-control' : 'badge'} role="status" data-testid="control-state">
        {granted ? t('control.inControl') : status.state === 'requested' ? t('control.requested') : t('control.viewOnly')}
      </p>
      {status.state !== 'granted' && status.state !== 'requested' && status.state !== 'unavailable' && (
        <button type="button" className="primary" onClick={() => consultantControl()?.request()}>
          {t('control.request')}
        </button>
      )}
      {granted && (
        <>
          <button type="button" onClick={() => consultantControl()?.release()}>
            {t('control.release')}
          </button>
          <label className="inline">
            <span>{t('control.specialKeys')}</span>
            <select value={combo} onChange={(event) => setCombo(comboSchema.parse(event.target.value))}>
              {COMBOS.map((option) => (
                <option key={option} value={option}>
                  {t(`control.combo.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => consultantControl()?.input({ type: 'combo', combo })}>
            {t('control.sendKeys')}
          </button>
        </>
      )}
      {status.reason && status.state !== 'granted' && (
        <p className="muted" data-testid="control-reason" data-reason={status.reason}>
          {t(`control.reason.${status.reason}`)}
        </p>
      )}
      {dropped > 0 && (
        <p className="muted" data-testid="control-dropped">
          {t('control.dropped', { count: dropped })}
        </p>
      )}
      <ScreenSwitcher />
    </div>
  );
}
