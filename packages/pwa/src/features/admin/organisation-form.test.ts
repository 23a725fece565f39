import { defaultOrganisation } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { organisationFromForm, organisationToForm, problemsOf } from './organisation-form.ts'

const form = organisationToForm({ ...defaultOrganisation, name: '华东食品' })

describe('organisation settings form', () => {
  it('gives back the organisation it was filled from', () => {
    expect(organisationFromForm(form)).toEqual({
      ok: true,
      organisation: { ...defaultOrganisation, name: '华东食品' },
    })
  })

  it('names each refused field with its reason', () => {
    const result = organisationFromForm({
      ...form,
      name: '  ',
      timeZone: 'Mars/Olympus',
      currency: 'RMB1',
      workingDays: [],
      workStart: '18:00',
      workEnd: '09:00',
    })
    expect(result).toEqual({
      ok: false,
      problems: {
        name: 'name',
        timeZone: 'timeZone',
        currency: 'currency',
        workingDays: 'days',
        workEnd: 'hours',
      },
    })
  })

  it('accepts a lower-case currency as its code and sorts the working days', () => {
    const result = organisationFromForm({ ...form, currency: 'eur', workingDays: ['6', '1'] })
    expect(result).toMatchObject({ ok: true, organisation: { currency: 'EUR', workingDays: [1, 6] } })
  })

  it('places the server’s validation issues next to their fields', () => {
    expect(problemsOf([{ path: ['currency'] }, { path: ['workEnd'] }, { path: ['elsewhere'] }])).toEqual({
      currency: 'currency',
      workEnd: 'hours',
    })
    expect(problemsOf('nonsense')).toEqual({})
  })
})
