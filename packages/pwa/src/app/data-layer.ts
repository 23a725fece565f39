import { deviceId } from '../platform/device-id.ts'
import { afterFirstScreen } from '../platform/first-screen.ts'
import { openLocalDb } from '../store/database.ts'
import { DeviceStore } from '../store/device-store.ts'
import { SyncConnection } from '../store/sync/connection.ts'
import { startReplication } from '../store/sync/replication.ts'

/** Opens the user's local stores and starts replication; a separate chunk so the shell paints first. */
export async function startDataLayer(
  userId: string,
  socketUrl: string,
  getToken: () => Promise<string | null>,
) {
  performance.mark('outrider:data-layer')
  const db = await openLocalDb(userId)
  performance.mark('outrider:db-open')
  const device = new DeviceStore(userId)
  const connection = new SyncConnection(socketUrl, getToken, deviceId())
  const replications = startReplication(db, device, connection, userId)
  // Replication scans local changes on start; let the first screen read its data before that
  // competes for IndexedDB (a returning rep, maybe offline, wants the list at once). With several
  // tabs open, only the one holding RxDB's leadership replicates; the others see its writes through
  // the shared IndexedDB, and take over when it closes.
  afterFirstScreen(() => {
    void db.waitForLeadership().then(() => {
      connection.takeOver()
      performance.mark('outrider:replicating')
      for (const r of replications) if (!r.isStopped()) void r.start()
    })
    // Once the election has had its round, a tab that lost it says so instead of "offline".
    const elector = db.leaderElector()
    setTimeout(() => {
      void elector.hasLeader().then((has) => {
        if (has && !elector.isLeader) connection.standBy()
      })
    }, 2000)
  })
  return { db, device, connection, replications }
}
