import 'fake-indexeddb/auto'
import { customerSchema, publicUserSchema, visitSchema } from '@outrider/domain'
import { createRxDatabase, type RxJsonSchema } from 'rxdb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { localDbName, openLocalDb } from './database.ts'
import type { OutriderDb } from './device-db.ts'
import { readReference } from './schemas.ts'

const T = '2026-03-02T03:00:00.000Z'
const opened: OutriderDb[] = []
afterEach(async () => {
  for (const db of opened.splice(0)) await db.remove()
})

/**
 * How versions 0 and 1 built a collection's RxDB schema (what installed phones hold): every field of
 * the document's zod schema as it was then, indexed fields on top.
 */
function earlierSchema(version: number, model: z.ZodType, indexes: string[]) {
  const json = z.toJSONSchema(model, { unrepresentable: 'any', io: 'input' })
  const properties = { ...(json.properties ?? {}), id: { type: 'string', maxLength: 100 } }
  for (const f of indexes) Object.assign(properties, { [f]: { type: 'string', maxLength: 64 } })
  const schema: RxJsonSchema<{ id: string } & Record<string, string>> = {
    version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: ['id', ...indexes],
    indexes,
  }
  // RxDB's types forbid what version 0 declared at the root; phones hold it all the same.
  return Object.assign(schema, { additionalProperties: true })
}

const customer = {
  id: 'c-1',
  createdAt: T,
  updatedAt: T,
  clocks: { name: '1772420400000-0000-dev-a' },
  name: '老王小卖部',
  searchKeys: ['laowang'],
  status: 'customer',
  address: '人民路 1 号',
  city: '杭州',
  location: { lat: 30.25, lng: 120.16 },
  openingHours: [[], [], [], [], [], [], []],
  ownerRepId: 'rep1',
  teamId: 't1',
  tags: [],
  customFields: {},
}

const visit = visitSchema.parse({
  id: 'visit-1',
  createdAt: T,
  updatedAt: T,
  revisionOf: 'visit-1',
  revision: 1,
  customerId: 'c-1',
  checkInAt: T,
  checkOutAt: T,
  checkInGps: null,
  purpose: 'routine',
  notes: '上次的拜访',
  outcome: 'interested',
  orderLines: [],
  satisfaction: null,
  complaint: null,
  followUp: null,
  photoIds: [],
  checkInReason: '门店搬迁',
})

/** A phone with data written by an earlier version of the app, under schema version 0. */
async function oldPhone(userId: string) {
  const old = await createRxDatabase({ name: localDbName(userId), storage: getRxStorageDexie() })
  // An earlier customer schema, with a field the model has since dropped.
  const oldCustomer = customerSchema.extend({ legacyGrade: z.string() })
  const oldUser = z.object({ id: z.string(), kind: z.string(), displayName: z.string(), role: z.string() })
  await old.addCollections({
    customers: { schema: earlierSchema(0, oldCustomer, []) },
    reference: { schema: earlierSchema(0, oldUser.passthrough(), ['kind']) },
    // Visits were at version 1 (the check-in reason) before the schemas shrank to their indexes.
    visits: { schema: earlierSchema(1, visitSchema, ['customerId']) },
  })
  await old.collections.visits?.insert(visit)
  await old.collections.customers?.bulkInsert([
    { ...customer, legacyGrade: 'gold' },
    // Not a valid customer today (no name): kept as it is, since it may hold an unpushed edit.
    { ...customer, id: 'c-2', name: '' },
  ])
  const user = publicUserSchema.parse({
    id: 'rep1',
    createdAt: T,
    updatedAt: T,
    email: 'rep1@example.com',
    displayName: '小李',
    role: 'rep',
    teamId: 't1',
    disabled: false,
  })
  await old.collections.reference?.insert({ ...user, id: 'users:rep1', kind: 'users' })
  await old.close()
}

describe('the local database of an installed phone', () => {
  it('opens after an update and keeps the data stored under the earlier schema', async () => {
    const userId = `u-${crypto.randomUUID()}`
    await oldPhone(userId)
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})

    const db = await openLocalDb(userId)
    opened.push(db)

    const kept = await db.customers.findOne('c-1').exec()
    expect(kept?.toMutableJSON()).toEqual(customer)
    const invalid = await db.customers.findOne('c-2').exec()
    expect(invalid?.get('name')).toBe('')
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('kept an unreadable customers document'), 'c-2')
    expect((await db.visits.findOne('visit-1').exec())?.toMutableJSON()).toEqual(visit)
    const [row] = await db.reference.find({ selector: { kind: 'users' } }).exec()
    expect(row && readReference('users', row.toMutableJSON())?.displayName).toBe('小李')
    warn.mockRestore()
  })

  it('reopens with its data when nothing changed', async () => {
    const userId = `u-${crypto.randomUUID()}`
    const first = await openLocalDb(userId)
    await first.customers.insert(customerSchema.parse(customer))
    await first.close()

    const db = await openLocalDb(userId)
    opened.push(db)
    expect((await db.customers.findOne('c-1').exec())?.get('name')).toBe('老王小卖部')
  })
})
