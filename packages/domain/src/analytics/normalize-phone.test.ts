import { describe, expect, it } from 'vitest'
import { normalizePhone, phoneQueryDigits } from './normalize-phone.ts'

describe('normalizePhone', () => {
  it('reads a mobile number however it is written', () => {
    for (const written of [
      '13812345678',
      '138 1234 5678',
      '138-1234-5678',
      '+86 138 1234 5678',
      '+86-13812345678',
      '0086 13812345678',
      '8613812345678',
      '(+86) 138.1234.5678',
      '１３８１２３４５６７８',
    ]) {
      expect(normalizePhone(written), written).toBe('13812345678')
    }
  })

  it('keeps the area code of a landline, restoring its 0 when written internationally', () => {
    for (const written of [
      '021-12345678',
      '(021) 1234 5678',
      '021 1234-5678',
      '+86 21 1234 5678',
      '0086-21-12345678',
      '021-12345678 转 801',
    ]) {
      expect(normalizePhone(written), written).toBe('02112345678')
    }
    expect(normalizePhone('010-12345678')).toBe('01012345678')
  })

  it('does not mistake a landline for a mobile', () => {
    expect(normalizePhone('010-12345678')).not.toBe(normalizePhone('12345678'))
    expect(normalizePhone('12345678')).toBe('12345678')
  })

  it('returns null for what cannot be a phone number', () => {
    expect(normalizePhone('')).toBeNull()
    expect(normalizePhone('n/a')).toBeNull()
    expect(normalizePhone('12-34')).toBeNull()
    expect(normalizePhone(undefined)).toBeNull()
  })
})

describe('phoneQueryDigits', () => {
  it('drops separators and the country code a user types', () => {
    expect(phoneQueryDigits('+86 138-1234')).toBe('1381234')
    expect(phoneQueryDigits('0086 138')).toBe('138')
    expect(phoneQueryDigits('021 1234')).toBe('0211234')
  })
})
