import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { openDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { seedIfEmpty } from './db/seed-database.ts'
import { linkOrigin, setupLink } from './people/setup.ts'

// Start and listen only: everything else is built by `buildApp`.
const config = loadConfig()
const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
await migrate(db)
if (config.seed === 'demo') {
  const logins = await seedIfEmpty(db)
  if (logins) {
    process.stdout.write('\nDemo organisation created. Logins (password for all: see README):\n')
    for (const l of logins)
      process.stdout.write(`  ${l.role.padEnd(10)} ${l.email.padEnd(26)} ${l.password}  ${l.displayName}\n`)
  }
}
const app = await buildApp({ config, db })
await app.listen({ port: config.port, host: config.host })
app.thresholds.schedule()
process.stdout.write(`Outrider listening on http://${config.host}:${config.port} (db: ${db.kind})\n`)
// Nobody can sign in yet: a one-time link creates the organisation and its first admin.
const link = await setupLink(db, linkOrigin(config))
if (link) process.stdout.write(`\nNo organisation yet. Open this one-time link to set it up:\n  ${link}\n\n`)

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  app.log.info(`${signal}: closing sockets, finishing in-flight writes`)
  // app.close() stops accepting, closes websockets and waits for in-flight requests; then the pool drains.
  try {
    await app.close()
    await db.close()
    process.exit(0)
  } catch (err) {
    app.log.error(err)
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
