import { describe, expect, it } from 'vitest'
import { openingHoursOf, prospectDefaults, prospectFormSchema } from './prospect-form.ts'

describe('prospect form', () => {
  it('accepts a filled form and builds a week of opening hours', () => {
    const v = prospectFormSchema.parse({
      ...prospectDefaults,
      name: ' 张三商店 ',
      address: '南京路1号',
      city: '上海',
      closedSunday: true,
    })
    expect(v.name).toBe('张三商店')
    const hours = openingHoursOf(v)
    expect(hours[0]).toEqual([])
    expect(hours[3]).toEqual([{ open: 540, close: 1080 }])
  })

  it('names the field that is wrong', () => {
    const r = prospectFormSchema.safeParse({
      ...prospectDefaults,
      name: '',
      phone: 'abc',
      address: 'x',
      city: 'y',
      closes: '08:00',
    })
    expect(r.success).toBe(false)
    const byPath = Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
    expect(byPath).toMatchObject({ name: 'name', phone: 'phone', closes: 'hours' })
  })
})
