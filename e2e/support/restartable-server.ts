import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp, loadConfig, seedIfEmpty } from '@outrider/sync-server'
import { freshPostgres } from '@outrider/sync-server/testing'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The real server on a fresh Postgres, which a test can kill (sockets cut, no goodbye) and start again
 * as a new instance on the same database and port, as after a crash and a supervisor restart.
 */
export async function startRestartableServer(
  opts: { customers?: number; env?: Record<string, string> } = {},
) {
  const tdb = await freshPostgres()
  const logins = (await seedIfEmpty(tdb.db, { customers: opts.customers ?? 400 })) ?? []
  const config = {
    ...loadConfig({ LOG_LEVEL: 'warn', ...opts.env }),
    staticDir: path.join(repo, 'packages/pwa/dist'),
  }
  let app: Awaited<ReturnType<typeof buildApp>> | null = null
  let port = 0
  const start = async () => {
    const next = await buildApp({ config, db: tdb.db })
    await next.listen({ port, host: '127.0.0.1' })
    const address = next.server.address()
    port = typeof address === 'object' && address ? address.port : port
    app = next
  }
  await start()
  return {
    db: tdb.db,
    logins,
    url: `http://127.0.0.1:${port}`,
    get app() {
      return app!
    },
    /** Crash-like stop: every socket is cut at once, then the instance closes. */
    async kill() {
      const dead = app
      app = null
      if (!dead) return
      for (const client of dead.websocketServer.clients) client.terminate()
      dead.server.closeAllConnections()
      await dead.close()
    },
    restart: start,
    async stop() {
      await app?.close()
      await tdb.drop()
    },
  }
}

/**
 * Counts, per document id, the rows of push messages the server received (all instances in this
 * process), by listening to the server's websocket frames. Call the returned function to stop.
 */
export function countPushedRows(): {
  counts: Map<string, number>
  /** Per document id, how many different sockets (tabs, devices) pushed it. */
  sockets: Map<string, Set<number>>
  stop: () => void
} {
  const require = createRequire(path.join(repo, 'packages/sync-server/package.json'))
  type Emit = (this: unknown, event: string, ...args: unknown[]) => boolean
  const { WebSocket } = require('ws') as { WebSocket: { prototype: { emit: Emit } } }
  const counts = new Map<string, number>()
  const sockets = new Map<string, Set<number>>()
  const socketIds = new WeakMap<object, number>()
  let nextSocket = 0
  const original = WebSocket.prototype.emit
  WebSocket.prototype.emit = function (this: unknown, event: string, ...args: unknown[]) {
    // Frames the server receives arrive as Buffers on its side of each socket.
    if (event === 'message' && Buffer.isBuffer(args[0])) {
      try {
        const msg = JSON.parse(String(args[0])) as {
          type?: string
          rows?: { newDocumentState?: { id?: string } }[]
        }
        if (msg.type === 'push')
          for (const r of msg.rows ?? []) {
            const id = r.newDocumentState?.id
            if (!id) continue
            counts.set(id, (counts.get(id) ?? 0) + 1)
            if (!socketIds.has(this as object)) socketIds.set(this as object, ++nextSocket)
            sockets.set(id, (sockets.get(id) ?? new Set()).add(socketIds.get(this as object)!))
          }
      } catch {
        /* not ours to judge */
      }
    }
    return original.call(this, event, ...args)
  }
  return {
    counts,
    sockets,
    stop: () => {
      WebSocket.prototype.emit = original
    },
  }
}
