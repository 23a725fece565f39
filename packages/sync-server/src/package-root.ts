import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * This package's folder (the one holding its package.json and `migrations/`), found by walking up
 * from the running module: the same answer from the TypeScript sources (`src/…`) and from the
 * bundle the server runs as (`dist/server.mjs`, see `scripts/build.mjs`).
 */
export function packageRoot(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir)
    if (up === dir) throw new Error('sync-server: package.json not found above the running module')
    dir = up
  }
  return dir
}
