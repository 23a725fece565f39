import { existsSync } from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { apiNotFound } from '../../http-errors.ts'

/**
 * Serves the built PWA. Unknown non-API paths get `index.html` so deep links work on the first
 * (online) load; later loads are answered by the service worker.
 */
export const staticApp = fp(async (app: FastifyInstance, opts: { root: string }) => {
  if (!existsSync(path.join(opts.root, 'index.html'))) {
    app.log.warn(`no built app at ${opts.root}: run "pnpm --filter @outrider/pwa build"`)
    app.setNotFoundHandler(apiNotFound)
    return
  }
  await app.register(fastifyStatic, {
    root: opts.root,
    wildcard: false,
    setHeaders(res, filePath) {
      // The service worker and the HTML must be revalidated so updates are noticed; hashed assets are immutable.
      if (/\/(sw\.js|index\.html|manifest\.webmanifest|registerSW\.js)$/.test(filePath)) {
        res.header('cache-control', 'no-cache')
      } else if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        res.header('cache-control', 'public, max-age=31536000, immutable')
      }
    },
  })
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? ''
    // `/sync` is the websocket and also the app's Sync screen: a plain GET of it gets the app.
    if (req.method !== 'GET' || url.startsWith('/api/') || url.startsWith('/sync/') || path.extname(url)) {
      return reply.code(404).send({ error: { code: 'E_NOT_FOUND', message: 'not found' } })
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html')
  })
})
