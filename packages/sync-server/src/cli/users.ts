import { readFileSync } from 'node:fs'
import type pg from 'pg'
import { decodeCsv } from '../import/decode-csv.ts'
import type { Actor } from '../people/audit-log.ts'
import { createUsersFromCsv } from '../people/bulk-users.ts'
import type { Role } from '../people/people-rules.ts'
import {
  type Credential,
  createUser,
  endSessionsOf,
  type Issued,
  listUsers,
  setCredential,
  updateUser,
} from '../people/users-repo.ts'
import { CHANNEL } from '../sync/change-bus.ts'
import { type CliIo, openCliDatabase, processIo } from './open-cli-db.ts'

const USAGE = `usage: pnpm cli users <command>
  list
  add --email E --name NAME [--role rep|supervisor|admin] [--team TEAM_ID] [--phone P] [--invite]
  import FILE.csv [--invite]        (columns: email/邮箱, name/姓名, role/角色, team/团队, phone/电话)
  disable EMAIL | enable EMAIL
  reset-password EMAIL [--invite]
Without --invite a temporary password is printed (to be changed at first sign-in); with it, a one-time link.
`
const cliActor: Actor = { userId: null, role: 'cli' }
const admin = { role: 'admin', teamId: null } as const

class UsageError extends Error {}

type Command = 'list' | 'add' | 'import' | 'disable' | 'enable' | 'reset-password'
const commands: readonly string[] = ['list', 'add', 'import', 'disable', 'enable', 'reset-password']
const isCommand = (c: string | undefined): c is Command => c !== undefined && commands.includes(c)
/** One command's context: its flags and arguments, where it prints, and the server's address for links. */
type Call = {
  flags: Map<string, string>
  positional: string[]
  credential: Credential
  io: CliIo
  baseUrl: string
}

/** `pnpm cli users …`: the admin console's people actions from a shell (recorded in the audit log as `cli`). */
export async function run(args: string[], io: CliIo = processIo, env = process.env): Promise<number> {
  const [command, ...rest] = args
  const parsed = parseFlags(rest)
  if (typeof parsed === 'string') return usage(io, parsed)
  if (!isCommand(command)) return usage(io, command ? `unknown command ${command}` : 'give a command')
  const { flags, positional } = parsed
  const credential: Credential = flags.has('invite') ? { kind: 'invite' } : { kind: 'temporary' }
  const { db, baseUrl } = await openCliDatabase(env)
  const call: Call = { flags, positional, credential, io, baseUrl }
  try {
    if (command === 'list') {
      for (const u of await listUsers(db.pool))
        io.out(
          `${u.email.padEnd(32)} ${u.role.padEnd(10)} ${(u.teamId ?? '-').padEnd(20)} ${u.disabled ? 'disabled' : 'active'}  ${u.displayName}\n`,
        )
      return 0
    }
    return await db.tx(async (client) => {
      if (command === 'add') return addUser(client, call)
      if (command === 'import') return importUsers(client, call)
      return changeUser(client, command, call)
    })
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message)
    if (err instanceof Error && 'status' in err) {
      io.err(`error: ${err.message}\n`)
      return 1
    }
    throw err
  } finally {
    await db.close()
  }
}

/** `--invite`, `--name value` pairs and the other arguments; a problem as a string. */
function parseFlags(rest: string[]): { flags: Map<string, string>; positional: string[] } | string {
  const flags = new Map<string, string>()
  const positional: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] as string
    if (a === '--invite') flags.set('invite', '1')
    else if (a.startsWith('--')) {
      const v = rest[++i]
      if (v === undefined) return `${a} needs a value`
      flags.set(a.slice(2), v)
    } else positional.push(a)
  }
  return { flags, positional }
}

async function addUser(client: pg.PoolClient, { flags, credential, io, baseUrl }: Call): Promise<number> {
  const email = flags.get('email')
  const name = flags.get('name')
  if (!email || !name) throw new UsageError('add needs --email and --name')
  const role = (flags.get('role') ?? 'rep') as Role
  if (!['rep', 'supervisor', 'admin'].includes(role)) throw new UsageError(`unknown role ${role}`)
  const phone = flags.get('phone')
  const out = await createUser(
    client,
    cliActor,
    { email, displayName: name, role, teamId: flags.get('team') ?? null, ...(phone ? { phone } : {}) },
    credential,
  )
  io.out(`created ${out.user.email} (${out.user.role})${issuedText(out, baseUrl)}\n`)
  return 0
}

async function importUsers(
  client: pg.PoolClient,
  { positional, credential, io, baseUrl }: Call,
): Promise<number> {
  const file = positional[0]
  if (!file) throw new UsageError('import needs a CSV file')
  const { csv } = decodeCsv(readFileSync(file))
  const result = await createUsersFromCsv(client, admin, cliActor, csv, credential, Date.now())
  for (const e of result.errors) io.err(`  line ${e.line}: ${e.reason}\n`)
  if (result.errors.length > 0) {
    io.err('nobody was created: fix the lines above\n')
    return 1
  }
  for (const c of result.created)
    io.out(`created ${c.user.email} (${c.user.role})${issuedText(c, baseUrl)}\n`)
  return 0
}

/** Disables, enables or resets the password of the user with the given email. */
async function changeUser(
  client: pg.PoolClient,
  command: 'disable' | 'enable' | 'reset-password',
  { positional, credential, io, baseUrl }: Call,
): Promise<number> {
  const email = positional[0]?.toLowerCase()
  if (!email) throw new UsageError(`${command} needs an email`)
  const user = (await listUsers(client)).find((u) => u.email === email)
  if (!user) {
    io.err(`error: no user ${email}\n`)
    return 1
  }
  if (command === 'reset-password') {
    const issued = await setCredential(client, user.id, credential)
    await notifyEnded(client, await endSessionsOf(client, user.id))
    io.out(`reset ${email}${issuedText(issued, baseUrl)}\n`)
    return 0
  }
  await updateUser(client, cliActor, user, { disabled: command === 'disable' })
  if (command === 'disable') await notifyEnded(client, await endSessionsOf(client, user.id))
  io.out(`${command}d ${email}\n`)
  return 0
}

function usage(io: CliIo, problem: string): number {
  io.err(`error: ${problem}\n${USAGE}`)
  return 2
}

function issuedText(i: Issued, baseUrl: string): string {
  if (i.temporaryPassword) return `; temporary password: ${i.temporaryPassword}`
  if (i.invitePath) return `; invitation link: ${baseUrl}${i.invitePath}`
  return ''
}

/** Sockets of a running server on the same database close at once (it LISTENs for these notices). */
async function notifyEnded(client: pg.PoolClient, sessions: string[]): Promise<void> {
  if (sessions.length === 0) return
  const notice = { collections: ['users'], owners: [], teams: [], broadcast: true, endedSessions: sessions }
  await client.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(notice)])
}
