import { hashPassword } from '../auth/passwords.ts'
import type { Database } from '../db/database.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'

export const PASSWORD = 'test-password-1'
const T0 = '2026-01-01T00:00:00.000Z'
const seedClock = '1767225600000-0000-seed'

type Doc = Record<string, unknown>

export function customerDoc(id: string, ownerRepId: string, teamId: string, extra: Doc = {}): Doc {
  return {
    id,
    createdAt: T0,
    updatedAt: T0,
    clocks: { name: seedClock, phone: seedClock, notes: seedClock, address: seedClock },
    name: `客户 ${id}`,
    searchKeys: [],
    status: 'customer',
    phone: '13800000000',
    address: '上海市徐汇区漕溪北路1号',
    city: '上海',
    location: { lat: 31.19, lng: 121.43 },
    openingHours: [
      [],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [{ open: 540, close: 1080 }],
      [],
    ],
    ownerRepId,
    teamId,
    tags: [],
    customFields: {},
    notes: '',
    ...extra,
  }
}

export function visitDoc(id: string, customerId: string, extra: Doc = {}): Doc {
  return {
    id,
    createdAt: T0,
    updatedAt: T0,
    revisionOf: id,
    revision: 1,
    customerId,
    checkInAt: '2026-01-05T02:00:00.000Z',
    checkOutAt: '2026-01-05T02:30:00.000Z',
    checkInGps: { lat: 31.19, lng: 121.43, accuracyM: 12, at: '2026-01-05T02:00:00.000Z' },
    purpose: 'routine',
    notes: '拜访记录',
    outcome: 'interested',
    orderLines: [],
    satisfaction: 4,
    complaint: null,
    followUp: null,
    photoIds: [],
    ...extra,
  }
}

/**
 * A small organisation for server tests: two teams; reps a1, a2 (team A) and b1 (team B);
 * supervisors sa and sb; `perRep` customers each, with one visit per customer.
 */
export async function seedTinyOrg(db: Database, opts: { perRep?: number } = {}) {
  const perRep = opts.perRep ?? 5
  const hash = await hashPassword(PASSWORD, { N: 2 ** 12 })
  const teams = [
    { id: 'team-a', createdAt: T0, updatedAt: T0, name: 'A 组', region: '华东', supervisorIds: ['sa'] },
    { id: 'team-b', createdAt: T0, updatedAt: T0, name: 'B 组', region: '华南', supervisorIds: ['sb'] },
  ]
  const users = [
    ['a1', 'rep', 'team-a'],
    ['a2', 'rep', 'team-a'],
    ['b1', 'rep', 'team-b'],
    ['sa', 'supervisor', 'team-a'],
    ['sb', 'supervisor', 'team-b'],
    ['admin', 'admin', null],
  ] as const
  const customers: Doc[] = []
  const visits: Doc[] = []
  for (const [id, role, team] of users) {
    if (role !== 'rep') continue
    for (let i = 1; i <= perRep; i++) {
      const cid = `c-${id}-${i}`
      customers.push(customerDoc(cid, id, team))
      visits.push(visitDoc(`v-${cid}`, cid, { authorId: id, ownerRepId: id }))
    }
  }
  const owner = new Map(customers.map((c) => [c.id, { owner_rep_id: c.ownerRepId, team_id: c.teamId }]))
  await db.tx(async (client) => {
    await documentsRepo.insertMany(client, 'teams', teams)
    for (const [id, role, team] of users) {
      await client.query(
        'INSERT INTO users (id, email, password_hash, role, team_id, doc) VALUES ($1, $2, $3, $4, $5, $6)',
        [
          id,
          `${id}@test.local`,
          hash,
          role,
          team,
          {
            id,
            email: `${id}@test.local`,
            displayName: id.toUpperCase(),
            role,
            teamId: team,
            disabled: false,
            createdAt: T0,
            updatedAt: T0,
          },
        ],
      )
    }
    await documentsRepo.insertMany(client, 'customers', customers)
    await documentsRepo.insertMany(client, 'visits', visits, (d) => owner.get(d.customerId) ?? {})
  })
  return { customers, visits, users }
}
