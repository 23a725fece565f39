import { execFile } from 'node:child_process'
import { chmodSync, chownSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const exec = promisify(execFile)

/** The operating-system account Postgres runs as when the server runs as root (Postgres refuses root). */
export const DB_SYSTEM_USER = 'outrider-pg'

/** uid/gid to run Postgres as: none when not root (it runs as the current user). */
export type RunAs = { uid: number; gid: number } | null

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

/** As root: finds or creates the system account Postgres will run as. */
export async function databaseAccount(log: (msg: string) => void): Promise<RunAs> {
  if (!isRoot()) return null
  const lookup = async () => {
    const [u, g] = await Promise.all([exec('id', ['-u', DB_SYSTEM_USER]), exec('id', ['-g', DB_SYSTEM_USER])])
    return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) }
  }
  let lastError = ''
  // Several processes may start at once (parallel tests): one creates the account, the others find it.
  for (let attempt = 0; attempt < 10; attempt++) {
    try {
      return await lookup()
    } catch {
      try {
        await exec('useradd', [
          '--system',
          '--user-group',
          '--no-create-home',
          '--home-dir',
          '/nonexistent',
          '--shell',
          '/usr/sbin/nologin',
          DB_SYSTEM_USER,
        ])
        log(
          `created system user ${DB_SYSTEM_USER} to run the embedded Postgres (Postgres refuses to run as root)`,
        )
      } catch (err) {
        lastError = (err as Error).message.trim()
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 300))
      }
    }
  }
  throw new Error(
    `embedded Postgres: running as root, and the system user ${DB_SYSTEM_USER} could not be created ` +
      `(${lastError}); create it, run as a normal user, or set DATABASE_URL`,
  )
}

/**
 * Makes `dir` (created if missing) belong to the account, and every folder above it passable (the
 * execute bit only, no listing) so Postgres can reach its data directory, e.g. under /root.
 */
export function handOver(dir: string, as: RunAs, log: (msg: string) => void): void {
  if (!as) return
  for (let up = path.dirname(dir); ; up = path.dirname(up)) {
    const st = statSync(up)
    const bit = st.uid === as.uid ? 0o100 : st.gid === as.gid ? 0o010 : 0o001
    if ((st.mode & bit) === 0) {
      chmodSync(up, (st.mode & 0o7777) | bit)
      log(`made ${up} passable (execute bit) for ${DB_SYSTEM_USER}, which must reach ${dir}`)
    }
    if (path.dirname(up) === up) break
  }
  const st = statSync(dir)
  if (st.uid !== as.uid) chownTree(dir, as)
}

function chownTree(p: string, as: { uid: number; gid: number }): void {
  chownSync(p, as.uid, as.gid)
  if (statSync(p).isDirectory()) for (const e of readdirSync(p)) chownTree(path.join(p, e), as)
}

/** Runs one of the Postgres programs (as the account when root); rejects with its output on failure. */
export async function runProgram(file: string, args: string[], as: RunAs): Promise<string> {
  try {
    const out = await exec(file, args, {
      ...(as ?? {}),
      cwd: '/',
      // Messages in English: they end up in our errors and logs.
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      maxBuffer: 16 * 1024 * 1024,
    })
    return out.stdout + out.stderr
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string }
    throw new Error(`${path.basename(file)} failed: ${(e.stderr || e.stdout || e.message).trim()}`)
  }
}
