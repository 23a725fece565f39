import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { collectionNameSchema } from './collection-table.ts'
import { errorCodeSchema } from './errors.ts'
import { parseUpstream } from './parse-message.ts'
import { upstreamSchema } from './upstream.ts'

const MAX = 256 * 1024
const reserved = new Set(['__proto__', 'constructor', 'prototype'])
const idArb = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/)
const xidArb = fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String)
/** True when a reserved key appears at any depth: the parser refuses those, so valid messages avoid them. */
function hasReservedKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasReservedKey)
  if (value === null || typeof value !== 'object') return false
  return Object.entries(value).some(([k, v]) => reserved.has(k) || hasReservedKey(v))
}
const docArb = fc.dictionary(
  fc.string({ maxLength: 12 }).filter((k) => !reserved.has(k)),
  fc.jsonValue({ maxDepth: 3 }).filter((v) => !hasReservedKey(v)),
  { maxKeys: 6 },
)

const upstreamArb = fc.oneof(
  fc.record({
    type: fc.constant('hello' as const),
    protocol: fc.integer({ min: 1, max: 100 }),
    token: fc.string({ minLength: 1, maxLength: 200 }),
    deviceId: idArb,
  }),
  fc.record({
    type: fc.constant('pull' as const),
    id: idArb,
    collection: fc.constantFrom(...collectionNameSchema.options),
    checkpoint: fc.option(
      fc.record({ x: xidArb, t: xidArb, i: fc.stringMatching(/^[A-Za-z0-9_.:-]{0,64}$/), sx: xidArb }),
    ),
    limit: fc.integer({ min: 1, max: 1_000 }),
  }),
  fc.record({
    type: fc.constant('push' as const),
    id: idArb,
    collection: fc.constantFrom(...collectionNameSchema.options),
    rows: fc.array(fc.record({ newDocumentState: docArb, assumedMasterState: fc.option(docArb) }), {
      minLength: 1,
      maxLength: 5,
    }),
  }),
  fc.record({ type: fc.constant('ping' as const), id: idArb }),
)

/** Whatever comes in, the answer is a parsed message or an error from the catalogue, never an exception. */
function expectWellFormed(raw: string): ReturnType<typeof parseUpstream> {
  const result = parseUpstream(raw, MAX)
  if (result.ok) expect(upstreamSchema.safeParse(result.msg).success).toBe(true)
  else expect(errorCodeSchema.options).toContain(result.error.code)
  return result
}

describe('parseUpstream under hostile input', () => {
  it('reads back every valid message exactly', () => {
    fc.assert(
      fc.property(upstreamArb, (msg) => {
        const text = JSON.stringify(msg)
        expect(parseUpstream(text, MAX)).toEqual({ ok: true, msg: JSON.parse(text) })
      }),
    )
  })

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (raw) => void expectWellFormed(raw)))
    // Any UTF-16 units, lone surrogates included (fast-check's 'binary' unit is slow to set up).
    const unitsArb = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 })
    fc.assert(fc.property(unitsArb, (units) => void expectWellFormed(String.fromCharCode(...units))))
  })

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => void expectWellFormed(JSON.stringify(value))))
  })

  it('answers a message with one field replaced by an error that keeps the request id', () => {
    fc.assert(
      fc.property(upstreamArb, fc.nat(), fc.jsonValue({ maxDepth: 2 }), (msg, pick, value) => {
        const keys = Object.keys(msg)
        const key = keys[pick % keys.length] as string
        const mutated: Record<string, unknown> = { ...msg, [key]: value }
        const result = expectWellFormed(JSON.stringify(mutated))
        if (!result.ok && key !== 'id' && key !== 'type' && 'id' in msg) expect(result.error.id).toBe(msg.id)
      }),
    )
  })

  it('answers a cut-off message with E_BAD_JSON', () => {
    fc.assert(
      fc.property(upstreamArb, fc.nat(), (msg, cut) => {
        const text = JSON.stringify(msg)
        const result = expectWellFormed(text.slice(0, cut % text.length))
        expect(result).toMatchObject({ ok: false, error: { code: 'E_BAD_JSON' } })
      }),
    )
  })

  it('refuses prototype-polluting keys at any depth and leaves Object.prototype alone', () => {
    const keyArb = fc.constantFrom('__proto__', 'constructor', 'prototype')
    fc.assert(
      fc.property(upstreamArb, keyArb, fc.jsonValue({ maxDepth: 2 }), (msg, key, value) => {
        const text = JSON.stringify(msg)
        const poisoned = `${text.slice(0, -1)},${JSON.stringify(key)}:{"polluted":${JSON.stringify(value)}}}`
        expect(expectWellFormed(poisoned)).toMatchObject({ ok: false, error: { code: 'E_BAD_MESSAGE' } })
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      }),
    )
  })

  it('survives huge numbers and deep nesting in any position', () => {
    const nastyArb = fc.oneof(
      fc.constantFrom(
        '1e999',
        '-1e999',
        '1e-999',
        '123456789012345678901234567890',
        '-0',
        '9007199254740993',
      ),
      fc.integer({ min: 30, max: 5_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      fc.integer({ min: 30, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    )
    fc.assert(
      fc.property(upstreamArb, fc.nat(), nastyArb, (msg, pick, nasty) => {
        const keys = Object.keys(msg)
        const key = keys[pick % keys.length] as string
        const text = JSON.stringify({ ...msg, [key]: '__NASTY__' }).replace('"__NASTY__"', nasty)
        expectWellFormed(text)
      }),
    )
  })
})
