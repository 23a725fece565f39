import { describe, expect, it } from 'vitest'
import {
  type CustomField,
  checkCustomFieldValues,
  customFieldSchema,
  describeCustomFieldIssue,
  parseCustomFieldInput,
} from './custom-field.ts'

const base = {
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  required: false,
  active: true,
}
const field = (key: string, type: CustomField['type'], extra: Partial<CustomField> = {}): CustomField => ({
  ...base,
  id: `cf-${key.length}`,
  key,
  label: { en: key, zh: key },
  type,
  options: [],
  ...extra,
})
const payment = field('payment', 'choice', { options: ['月结', '现结'] })
const credit = field('credit', 'number', { required: true })
const since = field('since', 'date')
const note = field('note', 'text')
const all = [payment, credit, since, note]

describe('custom field definitions', () => {
  it('refuses reserved and unsafe keys', () => {
    for (const key of ['constructor', '__proto__', 'prototype', 'tier', 'a.b', 'a b', '']) {
      expect(customFieldSchema.safeParse(field(key, 'text')).success, key).toBe(false)
    }
    expect(customFieldSchema.safeParse(field('结算方式', 'text')).success).toBe(true)
  })

  it('needs options for a choice field', () => {
    expect(customFieldSchema.safeParse(field('x', 'choice')).success).toBe(false)
    expect(customFieldSchema.safeParse(payment).success).toBe(true)
  })
})

describe('checkCustomFieldValues', () => {
  it('accepts values of the right type', () => {
    expect(
      checkCustomFieldValues({ payment: '月结', credit: 5000, since: '2024-02-29', note: 'x' }, all),
    ).toEqual([])
  })

  it('names each value of the wrong type and each unknown key', () => {
    const issues = checkCustomFieldValues(
      { payment: '年结', credit: '5000', since: '2023-02-30', mystery: 1 },
      all,
    )
    expect(issues).toEqual([
      { key: 'credit', problem: 'number' },
      { key: 'mystery', problem: 'unknown' },
      { key: 'payment', problem: 'choice' },
      { key: 'since', problem: 'date' },
    ])
    expect(describeCustomFieldIssue(issues[2]!, payment)).toBe(
      'customFields.payment: must be one of the field’s options (月结, 现结)',
    )
  })

  it('checks only the changed keys when told, so older values do not block an edit', () => {
    expect(checkCustomFieldValues({ legacy: 'x', credit: 1 }, all, { changed: ['credit'] })).toEqual([])
  })

  it('asks for active required fields only when told', () => {
    expect(checkCustomFieldValues({}, all)).toEqual([])
    expect(checkCustomFieldValues({}, all, { requireRequired: true })).toEqual([
      { key: 'credit', problem: 'required' },
    ])
    expect(checkCustomFieldValues({}, [{ ...credit, active: false }], { requireRequired: true })).toEqual([])
  })
})

describe('parseCustomFieldInput', () => {
  it('reads what people type', () => {
    expect(parseCustomFieldInput(credit, ' 1,234.5 ')).toEqual({ ok: true, value: 1234.5 })
    expect(parseCustomFieldInput(credit, '１２')).toEqual({ ok: true, value: 12 })
    expect(parseCustomFieldInput(credit, '12 万')).toEqual({ ok: false, problem: 'number' })
    expect(parseCustomFieldInput(since, '2026/3/7')).toEqual({ ok: true, value: '2026-03-07' })
    expect(parseCustomFieldInput(since, '2026-13-01')).toEqual({ ok: false, problem: 'date' })
    expect(parseCustomFieldInput(payment, ' 现结 ')).toEqual({ ok: true, value: '现结' })
    expect(parseCustomFieldInput(payment, '季结')).toEqual({ ok: false, problem: 'choice' })
    expect(parseCustomFieldInput(note, '  ')).toEqual({ ok: true, value: undefined })
  })
})
