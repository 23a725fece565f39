import { describe, expect, it } from 'vitest'
import { errorCatalogue, errorCloseCodes, errorCodeSchema, errorHttpStatus } from './errors.ts'

describe('error catalogue', () => {
  it('gives every code a description in both UI languages and an error HTTP status', () => {
    for (const code of errorCodeSchema.options) {
      const def = errorCatalogue[code]
      expect(def.description.en.length, code).toBeGreaterThan(0)
      expect(def.description.zh, code).toMatch(/[\u4e00-\u9fff]/)
      expect(errorHttpStatus[code] >= 400 && errorHttpStatus[code] < 600, code).toBe(true)
    }
  })

  it('closes sockets only with codes an application may send', () => {
    for (const code of errorCodeSchema.options) {
      const close = errorCloseCodes[code]
      if (close === null) continue
      // 1005, 1006 and 1015 are reserved for the transport; applications use 1000–1014 or 4000–4999.
      const sendable =
        (close >= 1000 && close <= 1014 && ![1005, 1006].includes(close)) || (close >= 4000 && close <= 4999)
      expect(sendable, `${code} → ${close}`).toBe(true)
    }
  })

  it('disconnects on authentication, origin, version, size and flood errors only', () => {
    const closing = errorCodeSchema.options.filter((code) => errorCloseCodes[code] !== null).sort()
    expect(closing).toEqual(
      [
        'E_ORIGIN',
        'E_PROTOCOL_VERSION',
        'E_RATE_LIMITED',
        'E_SESSION_REVOKED',
        'E_TOKEN_EXPIRED',
        'E_TOO_LARGE',
        'E_UNAUTHENTICATED',
      ].sort(),
    )
  })
})
