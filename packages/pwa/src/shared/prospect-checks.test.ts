import { describe, expect, it } from 'vitest'
import { customer } from '../worker/snapshot.test-helpers.ts'
import { likelyDuplicates } from './prospect-checks.ts'

describe('likelyDuplicates', () => {
  const existing = [
    customer('c1', { name: '张记粮油', phone: '13800138000', address: '南京路1号' }),
    customer('c2', { name: '李家超市', phone: '13900139000', address: '淮海路9号' }, 30, 30),
  ]

  it('flags an existing customer with the same phone even under another name', () => {
    const found = likelyDuplicates(
      {
        id: 'new',
        name: '新开便利店',
        phone: '+86 138-0013-8000',
        address: '幸福路88号',
        city: '上海',
        location: null,
      },
      existing,
    )
    expect(found.map((d) => d.id)).toEqual(['c1'])
    expect(found[0]!.reasons.some((r) => r.zh.includes('电话'))).toBe(true)
  })

  it('finds nothing for a genuinely new prospect', () => {
    expect(
      likelyDuplicates(
        {
          id: 'new',
          name: '王五五金',
          phone: '13700137000',
          address: '人民路5号',
          city: '上海',
          location: null,
        },
        existing,
      ),
    ).toEqual([])
  })
})
