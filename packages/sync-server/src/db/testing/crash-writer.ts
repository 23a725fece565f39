/**
 * Child process of the crash tests (`embedded-crash.pg.test.ts`): opens the embedded Postgres of
 * DATA_DIR as the server does and commits numbered rows with 8 writers at once, printing `ack <n>`
 * once each commit has returned, which is what a client's acknowledgement rests on. A failed write
 * (database killed) is retried until it commits.
 */
import { openDatabase } from '../database.ts'

const dataDir = process.env.DATA_DIR
if (!dataDir) throw new Error('crash-writer: DATA_DIR is required')
const db = await openDatabase({ dataDir, log: (m) => process.stderr.write(`${m}\n`) })
await db.pool.query('CREATE TABLE IF NOT EXISTS crash_log (id integer PRIMARY KEY, payload text NOT NULL)')
const { rows } = await db.pool.query<{ next: number }>(
  'SELECT coalesce(max(id), 0) + 1 AS next FROM crash_log',
)
let next = rows[0]!.next
process.stdout.write('ready\n')

async function writer(): Promise<never> {
  for (;;) {
    const id = next++
    for (;;) {
      try {
        await db.tx((c) =>
          c.query('INSERT INTO crash_log (id, payload) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
            id,
            'x'.repeat(200),
          ]),
        )
        break
      } catch {
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    process.stdout.write(`ack ${id}\n`)
  }
}
await Promise.all(Array.from({ length: 8 }, writer))
