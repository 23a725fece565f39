import { fnv1a64, stableStringify } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { DEVICE_SCHEMA_VERSION, migrateDocument, rxSchemaFor, syncedCollections } from './schemas.ts'

/**
 * The RxDB schemas as last released. When they change (a device index added or removed), a phone
 * would refuse to open its database under the same version: raise DEVICE_SCHEMA_VERSION and record
 * the new hash here. Document fields are not part of them, so changing an entity needs no bump.
 */
const recorded = { version: 2, hash: '56d01cd62d5e100e' }

const schemasHash = () =>
  fnv1a64(stableStringify(Object.fromEntries(syncedCollections.map((name) => [name, rxSchemaFor(name)]))))

describe('device schemas', () => {
  it('match the recorded RxDB schemas of their version', () => {
    expect(
      { version: DEVICE_SCHEMA_VERSION, hash: schemasHash() },
      'RxDB schemas changed: raise DEVICE_SCHEMA_VERSION and update the hash',
    ).toEqual(recorded)
  })

  it('have a collection for every rep-owned entity and one for reference data', () => {
    expect(syncedCollections).toEqual(
      expect.arrayContaining(['customers', 'complaints', 'conflicts', 'reference']),
    )
    expect(syncedCollections).not.toContain('products')
    expect(rxSchemaFor('visits').indexes).toEqual(['customerId'])
  })

  it('migrate a reference document with its kind and prefixed id kept', () => {
    const team = {
      id: 'teams:t1',
      kind: 'teams',
      name: '华东',
      region: '华东',
      supervisorIds: ['sup1'],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      _rev: '1-a',
    }
    expect(migrateDocument('reference', { ...team, obsolete: 1 })).toEqual(team)
  })
})
