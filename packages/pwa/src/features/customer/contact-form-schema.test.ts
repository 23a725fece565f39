import { describe, expect, it } from 'vitest'
import { contactFormSchema } from './contact-form-schema.ts'

const valid = {
  name: '张三',
  title: '',
  phone: '',
  wechat: '',
  email: '',
  birthday: '',
  preferredChannel: '' as const,
  primary: false,
}
const errorsOf = (v: Partial<typeof valid>) => {
  const r = contactFormSchema('2026-12-07').safeParse({ ...valid, ...v })
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]))
}

describe('contact form', () => {
  it('accepts a name alone', () => {
    expect(errorsOf({})).toEqual({})
  })
  it('puts each refusal on its own field', () => {
    expect(errorsOf({ name: '  ', email: 'zhang@', phone: '12-34', birthday: '2030-01-01' })).toEqual({
      name: 'nameRequired',
      email: 'badEmail',
      phone: 'badPhone',
      birthday: 'birthdayFuture',
    })
  })
  it('takes a birthday up to today and phone numbers as people write them', () => {
    expect(errorsOf({ birthday: '2026-12-07', phone: '021-6234 5678 转 8' })).toEqual({})
  })
})
