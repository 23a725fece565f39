import { describe, expect, it } from 'vitest'
import { classifyCustomers } from './classify-customers.ts'
import { defaultServicePolicy } from './default-service-policy.ts'

const at = '2026-03-01T02:00:00.000Z'
const step = (to: 'open' | 'resolved') => ({
  id: `s-${to}`,
  action: to === 'open' ? 'open' : 'resolve',
  to,
  at,
  by: 'u1',
})

describe('complaint records in the classification', () => {
  const feedback = [{ customerId: 'c1', at, complaint: { status: 'open' as const } }]
  const tagsOf = (complaints?: Parameters<typeof classifyCustomers>[0]['complaints']) => {
    const r = classifyCustomers(
      { customers: [{ id: 'c1' }], feedback, ...(complaints ? { complaints } : {}) },
      defaultServicePolicy,
      '2026-03-05',
    )
    if (!r.ok) throw new Error(r.error.message)
    return r.value.profiles[0]?.tags
  }

  it('without records, a complaint typed into feedback counts as open', () => {
    expect(tagsOf()).toContain('open_complaint')
  })

  it('with records, their state decides: resolved is not open, an open record is', () => {
    const resolved = { customerId: 'c1', openedAt: at, steps: [step('open'), step('resolved')] }
    expect(tagsOf([resolved] as never)).not.toContain('open_complaint')
    const open = { customerId: 'c1', openedAt: at, steps: [step('open')] }
    expect(tagsOf([open] as never)).toContain('open_complaint')
  })
})
