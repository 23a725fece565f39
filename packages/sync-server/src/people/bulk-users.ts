import Papa from 'papaparse'
import type pg from 'pg'
import { z } from 'zod'
import type { Principal } from '../auth/sessions.ts'
import type { Actor } from './audit-log.ts'
import { canManage, type Role } from './people-rules.ts'
import { type Credential, createUser, type Issued, type UserView } from './users-repo.ts'

/** Header words per field, Chinese and English. */
const headers: Record<string, readonly string[]> = {
  email: ['email', 'e-mail', '邮箱', '电子邮箱', '邮件'],
  displayName: ['name', 'displayname', '姓名', '名字'],
  role: ['role', '角色', '职位'],
  team: ['team', '团队', '小组', '部门'],
  phone: ['phone', 'mobile', '电话', '手机', '手机号'],
}
const roles: Record<string, Role> = {
  rep: 'rep',
  销售: 'rep',
  销售代表: 'rep',
  业务员: 'rep',
  supervisor: 'supervisor',
  主管: 'supervisor',
  admin: 'admin',
  管理员: 'admin',
}

export type BulkResult = {
  created: ({ line: number; user: UserView } & Issued)[]
  errors: { line: number; reason: string; zh: string }[]
}

type Columns = Record<'email' | 'displayName' | 'role' | 'team' | 'phone', number>
type NewUser = { email: string; displayName: string; role: Role; teamId: string | null; phone?: string }
type LineError = Omit<BulkResult['errors'][number], 'line'>

/**
 * Users from a CSV (email, name, role, team by name or id, phone; Chinese headers too). Every line is
 * checked first; if any is bad, nobody is created and every problem is listed.
 */
export async function createUsersFromCsv(
  client: pg.PoolClient,
  actor: Pick<Principal, 'role' | 'teamId'>,
  by: Actor,
  csv: string,
  credential: Credential,
  nowMs: number,
): Promise<BulkResult> {
  const { at, rows } = readUserTable(csv)
  if (at.email < 0 || at.displayName < 0)
    return {
      created: [],
      errors: [
        { line: 1, reason: 'the header needs email and name columns', zh: '表头需要“邮箱”和“姓名”列' },
      ],
    }
  const { rows: teams } = await client.query<{ id: string; name: string }>(
    "SELECT id, doc->>'name' AS name FROM teams",
  )
  const teamOf = new Map<string, string>()
  for (const t of teams) {
    teamOf.set(t.id, t.id)
    teamOf.set(t.name, t.id)
  }
  const { rows: existing } = await client.query<{ email: string }>('SELECT email FROM users')
  const seen = new Set(existing.map((r) => r.email))
  const errors: BulkResult['errors'] = []
  const ok: { line: number; user: NewUser }[] = []
  for (const [i, cells] of rows.entries()) {
    const line = i + 2
    const get = (k: keyof Columns) => (at[k] >= 0 ? (cells[at[k]] ?? '').trim() : '')
    const checked = checkLine(get, actor, teamOf, seen)
    if ('reason' in checked) {
      errors.push({ line, ...checked })
      continue
    }
    seen.add(checked.email)
    ok.push({ line, user: checked })
  }
  if (errors.length > 0) return { created: [], errors }
  const created: BulkResult['created'] = []
  for (const { line, user } of ok)
    created.push({ line, ...(await createUser(client, by, user, credential, nowMs)) })
  return { created, errors }
}

/** The CSV's lines after its header, and the column of each field (-1 when missing). */
function readUserTable(csv: string): { at: Columns; rows: string[][] } {
  const body = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv
  const parsed = Papa.parse<string[]>(body.trim(), { header: false, skipEmptyLines: true })
  const [head = [], ...rows] = parsed.data
  const col = (field: string) =>
    head.findIndex((h) => (headers[field] ?? []).includes(h.trim().toLowerCase().replace(/\s+/g, '')))
  return {
    at: {
      email: col('email'),
      displayName: col('displayName'),
      role: col('role'),
      team: col('team'),
      phone: col('phone'),
    },
    rows,
  }
}

/** One line as a new user, or what is wrong with it (in English and Chinese). */
function checkLine(
  get: (k: keyof Columns) => string,
  actor: Pick<Principal, 'role' | 'teamId'>,
  teamOf: Map<string, string>,
  seen: Set<string>,
): NewUser | LineError {
  const email = get('email').toLowerCase()
  if (!z.email().safeParse(email).success)
    return { reason: `"${email}" is not an email address`, zh: `“${email}”不是有效的邮箱` }
  if (seen.has(email))
    return { reason: `${email} already has an account or is repeated`, zh: `${email} 已有账号或重复` }
  const displayName = get('displayName')
  if (!displayName) return { reason: 'name is missing', zh: '缺少姓名' }
  const role = roles[get('role').toLowerCase() || 'rep']
  if (!role)
    return {
      reason: `"${get('role')}" is not a role (rep, supervisor, admin)`,
      zh: `“${get('role')}”不是有效角色`,
    }
  const teamCell = get('team')
  const teamId =
    teamCell === ''
      ? actor.role === 'supervisor'
        ? actor.teamId
        : null
      : (teamOf.get(teamCell) ?? undefined)
  if (teamId === undefined) return { reason: `no team "${teamCell}"`, zh: `没有团队“${teamCell}”` }
  if (!canManage(actor, null, { role, teamId }))
    return { reason: 'you cannot create this user (role or team)', zh: '您无权创建该用户（角色或团队）' }
  const phone = get('phone')
  return { email, displayName, role, teamId, ...(phone ? { phone } : {}) }
}
