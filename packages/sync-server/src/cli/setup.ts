import { setupLink } from '../people/setup.ts'
import { type CliIo, openCliDatabase, processIo } from './open-cli-db.ts'

/** `pnpm cli setup [--url BASE]`: a one-time link that creates the organisation and its first admin. */
export async function run(args: string[], io: CliIo = processIo, env = process.env): Promise<number> {
  let url: string | undefined
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (a === '--url') url = args[++i]
    else if (a.startsWith('--url=')) url = a.slice(6)
    else {
      io.err(`error: unknown argument ${a}\nusage: pnpm cli setup [--url http://host:port]\n`)
      return 2
    }
  }
  const { db, baseUrl } = await openCliDatabase(env)
  try {
    const link = await setupLink(db, url ?? baseUrl)
    if (!link) {
      io.err('error: the organisation is already set up (users exist); sign in as an admin instead\n')
      return 1
    }
    io.out(`Open this one-time link to set up the organisation (earlier links stop working):\n  ${link}\n`)
    return 0
  } finally {
    await db.close()
  }
}
