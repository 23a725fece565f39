import { type ChangeNotice, noticeSql } from '../sync/change-bus.ts'
import type { Queryable } from './queryable.ts'

export const changeNoticesRepo = {
  /**
   * Queues a change notice in the writing transaction: Postgres delivers it to every instance's
   * listener when the transaction commits, and drops it when it rolls back.
   */
  async publish(db: Queryable, notice: ChangeNotice): Promise<void> {
    const { sql, params } = noticeSql(notice)
    await db.query(sql, params)
  },
}
