import { freshPglite } from '/work/main/packages/sync-server/src/testing/test-db.ts'
import { buildApp } from '/work/main/packages/sync-server/src/app.ts'
import { loadConfig } from '/work/main/packages/sync-server/src/config.ts'
const tdb = await freshPglite()
const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: 'silent' }), staticDir: undefined }, db: tdb.db })
await app.ready()
console.log(app.printRoutes({ commonPrefix: false }))
await app.close(); await tdb.drop()
