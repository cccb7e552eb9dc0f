import { withDefaults, type WaitTargets } from '../../shared/wait-targets';
import type { Records } from '../db/database';

/** Each organisation's target wait per category (admins set them from the queue console). */
export interface WaitTargetStore {
  /** Every category, the defaults filling what the organisation never set. */
  get(orgId: number): Promise<WaitTargets>;
  set(orgId: number, targets: WaitTargets): Promise<void>;
}

export class DbWaitTargetStore implements WaitTargetStore {
  constructor(private readonly records: Pick<Records, 'db'>) {}

  async get(orgId: number): Promise<WaitTargets> {
    const rows = await this.records.db.selectFrom('wait_targets').select(['category', 'minutes']).where('org_id', '=', orgId).execute();
    return withDefaults(rows);
  }

  async set(orgId: number, targets: WaitTargets): Promise<void> {
    await this.records.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('wait_targets').where('org_id', '=', orgId).execute();
      await trx
        .insertInto('wait_targets')
        .values(targets.map((t) => ({ org_id: orgId, category: t.category, minutes: t.minutes })))
        .execute();
    });
  }
}
