import { describe, expect, it } from 'vitest'
import { allServerOwnedFields, everyCollection } from './collection-table.ts'

const fieldsOf = (schema: { shape: object }) => new Set(Object.keys(schema.shape))

describe('collection table', () => {
  it('names only fields the documents have', () => {
    for (const [name, d] of everyCollection()) {
      const fields = fieldsOf(d.schema)
      for (const field of Object.keys(d.serverOwned)) expect(fields, `${name}.${field}`).toContain(field)
      for (const field of d.deviceIndexes ?? []) expect(fields, `${name} index ${field}`).toContain(field)
      for (const field of Object.keys(d.projection ?? {}))
        expect(fields, `${name} projection`).toContain(field)
      if (d.scope.kind === 'owned') expect(fields, `${name} owner`).toContain(d.scope.ownerField)
      if (d.scope.kind === 'owned' && d.scope.parent === 'customer')
        expect(fields, name).toContain('customerId')
    }
  })

  it('gives mergeable records clocks and append-only records revisions', () => {
    for (const [name, d] of everyCollection()) {
      if (d.kind === 'mergeable') expect(fieldsOf(d.schema), name).toContain('clocks')
      if (d.kind === 'appendOnly') expect(fieldsOf(d.schema), name).toContain('revisionOf')
    }
  })

  it('never lets a device field share a name with a server-owned one (merges treat those names alike)', () => {
    for (const [name, d] of everyCollection()) {
      if (d.kind === 'readOnly') continue
      const deviceFields = [...fieldsOf(d.schema)].filter((f) => !Object.hasOwn(d.serverOwned, f))
      expect(
        deviceFields.filter((f) => allServerOwnedFields.has(f)),
        name,
      ).toEqual([])
    }
  })

  it('keeps the scope of every owned row in the owner and team columns pull and push use', () => {
    for (const [name, d] of everyCollection()) {
      if (d.scope.kind !== 'owned') continue
      const owner = d.columns.find((c) => c.name === 'owner_rep_id')
      expect(
        owner?.from?.({ [d.scope.ownerField]: 'rep-1' }),
        `${name}: owner_rep_id from ${d.scope.ownerField}`,
      ).toBe('rep-1')
      expect(
        d.columns.map((c) => c.name),
        name,
      ).toContain('team_id')
    }
  })

  it('stores every column once per table', () => {
    for (const [name, d] of everyCollection()) {
      const names = ['id', 'doc', 'txid', 'server_updated_at', ...d.columns.map((c) => c.name)]
      expect(new Set(names).size, name).toBe(names.length)
    }
  })
})
