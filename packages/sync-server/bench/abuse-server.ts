/**
 * The server under `bench:abuse`, in its own process so its RSS is its own, run as `pnpm start` runs
 * it (bundled by `scripts/build.mjs`, plain Node, no TypeScript loader): the app on the database at
 * ABUSE_DATABASE_URL (migrated and seeded by the bench), behind a trusted proxy (so the login flood
 * can come from many addresses). Tells the parent its port; answers RSS requests.
 */
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/database.ts'

const db = await openDatabase({ databaseUrl: process.env.ABUSE_DATABASE_URL, dataDir: '' })
const config = { ...loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: 'true' }), staticDir: undefined }
const app = await buildApp({ config, db })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.on('message', (m: { type: string }) => {
  if (m.type === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss })
  if (m.type === 'stop') void app.close().then(() => db.close().then(() => process.exit(0)))
})
// The bench going away (crash, Ctrl-C) must not leave a server running.
process.on('disconnect', () => process.exit(0))
process.send?.({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 })
