import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp, loadConfig, seedIfEmpty } from '@outrider/sync-server'
import { freshPostgres } from '@outrider/sync-server/testing'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The real server (built PWA, websocket, API) on a fresh Postgres database with the demo organisation,
 * or (`seed: false`) on an empty one, as `SEED=none` starts, with its population thresholds computed.
 */
export async function startE2eServer(opts: { customers?: number; seed?: boolean } = {}) {
  const tdb = await freshPostgres()
  const logins = opts.seed === false ? [] : await seedIfEmpty(tdb.db, { customers: opts.customers ?? 400 })
  const config = { ...loadConfig({ LOG_LEVEL: 'warn' }), staticDir: path.join(repo, 'packages/pwa/dist') }
  const app = await buildApp({ config, db: tdb.db })
  await app.listen({ port: 0, host: '127.0.0.1' })
  // As the running server does at start (server.ts): the population thresholds exist before a device
  // signs in, so every device classifies against the same ones instead of its own records.
  await app.thresholds.recompute()
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    app,
    db: tdb.db,
    logins: logins ?? [],
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await app.close()
      await tdb.drop()
    },
  }
}
