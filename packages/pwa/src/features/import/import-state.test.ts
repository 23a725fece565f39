import type { ImportReport } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { importReducer, initialImportState } from './import-state.ts'

const file = {
  text: '客户名称,电话\n甲,1\n',
  encoding: 'utf-8' as const,
  header: ['客户名称', '电话'],
  lines: 1,
}
const report = { imported: 0 } as ImportReport

describe('import page state', () => {
  it('guesses the mapping of a read file, and guesses again for another kind', () => {
    const read = importReducer(initialImportState('customers'), { type: 'fileRead', file })
    expect(read.columns).toMatchObject({ name: '客户名称', phone: '电话' })
    expect(read.origin).toBe('guessed')
    const products = importReducer(read, { type: 'kind', kind: 'products' })
    expect(products.columns.phone).toBeUndefined()
  })

  it('drops the preview and its decisions when the mapping changes', () => {
    let s = importReducer(initialImportState('customers'), { type: 'fileRead', file })
    s = importReducer(s, { type: 'reported', report })
    s = importReducer(s, { type: 'decide', line: 2, action: { action: 'skip' } })
    expect(s.decisions.size).toBe(1)
    s = importReducer(s, { type: 'mapColumn', role: 'phone', column: '' })
    expect(s.report).toBeNull()
    expect(s.decisions.size).toBe(0)
    expect(s.columns.phone).toBeUndefined()
  })

  it('forgets the last file when the next one cannot be read', () => {
    let s = importReducer(initialImportState('customers'), { type: 'fileRead', file })
    s = importReducer(s, { type: 'fileUnreadable', error: 'bad' })
    expect(s).toMatchObject({ csv: null, encoding: null, header: [], fileError: 'bad' })
  })
})
