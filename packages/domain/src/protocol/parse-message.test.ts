import { describe, expect, it } from 'vitest'
import { parseDownstream, parseUpstream } from './parse-message.ts'

const MAX = 64 * 1024
const pull = { type: 'pull', id: 'r1', collection: 'customers', checkpoint: null, limit: 100 }

describe('parseUpstream', () => {
  it('accepts each message type of the protocol', () => {
    const messages = [
      { type: 'hello', protocol: 1, token: 'tok', deviceId: 'dev-1' },
      pull,
      { ...pull, checkpoint: { x: '12', t: '13', i: 'c-9', sx: '10' } },
      {
        type: 'push',
        id: 'r2',
        collection: 'visits',
        rows: [{ newDocumentState: { id: 'v1' }, assumedMasterState: null }],
      },
      { type: 'ping', id: 'r3' },
    ]
    for (const m of messages) expect(parseUpstream(JSON.stringify(m), MAX)).toEqual({ ok: true, msg: m })
  })

  it('drops keys the protocol does not define', () => {
    const parsed = parseUpstream(JSON.stringify({ type: 'ping', id: 'r', admin: true }), MAX)
    expect(parsed).toEqual({ ok: true, msg: { type: 'ping', id: 'r' } })
  })

  it('tells broken JSON, unknown types and bad shapes apart, keeping the request id', () => {
    expect(parseUpstream('{"type":"ping",', MAX)).toMatchObject({ ok: false, error: { code: 'E_BAD_JSON' } })
    expect(parseUpstream('{"type":"shutdown","id":"r7"}', MAX)).toMatchObject({
      ok: false,
      error: { code: 'E_UNKNOWN_TYPE', id: 'r7' },
    })
    expect(parseUpstream('[1,2]', MAX)).toMatchObject({ ok: false, error: { code: 'E_BAD_MESSAGE' } })
    expect(parseUpstream(JSON.stringify({ ...pull, limit: 5000 }), MAX)).toMatchObject({
      ok: false,
      error: { code: 'E_BAD_MESSAGE', id: 'r1', details: [{ field: 'limit' }] },
    })
  })

  it('does not take a downstream message from a client', () => {
    const welcome = {
      type: 'welcome',
      protocol: 1,
      userId: 'u',
      role: 'admin',
      teamId: null,
      serverTime: '2026-01-01T00:00:00Z',
    }
    expect(parseUpstream(JSON.stringify(welcome), MAX)).toMatchObject({
      ok: false,
      error: { code: 'E_UNKNOWN_TYPE' },
    })
  })

  it('rejects collections outside the protocol', () => {
    const parsed = parseUpstream(JSON.stringify({ ...pull, collection: 'sessions' }), MAX)
    expect(parsed).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_COLLECTION', id: 'r1' } })
    const notText = parseUpstream(JSON.stringify({ ...pull, collection: 7 }), MAX)
    expect(notText).toMatchObject({
      ok: false,
      error: { code: 'E_BAD_MESSAGE', details: [{ field: 'collection' }] },
    })
  })

  it('names the pushed document a problem belongs to', () => {
    const push = {
      type: 'push',
      id: 'r2',
      collection: 'tasks',
      rows: [
        { newDocumentState: { id: 't-1' }, assumedMasterState: null },
        { newDocumentState: { id: 't-2' }, assumedMasterState: 7 },
      ],
    }
    const parsed = parseUpstream(JSON.stringify(push), MAX)
    expect(parsed).toMatchObject({
      ok: false,
      error: { code: 'E_BAD_MESSAGE', details: [{ docId: 't-2', field: 'rows.1.assumedMasterState' }] },
    })
  })

  it('measures size in UTF-8 bytes', () => {
    const ping = JSON.stringify({ type: 'ping', id: 'r' })
    const note = JSON.stringify({ type: 'ping', id: 'r', note: '客'.repeat(20) })
    expect(parseUpstream(ping, ping.length).ok).toBe(true)
    expect(parseUpstream(ping, ping.length - 1)).toMatchObject({ ok: false, error: { code: 'E_TOO_LARGE' } })
    // 20 Chinese characters are 20 UTF-16 units but 60 bytes.
    expect(parseUpstream(note, note.length + 20)).toMatchObject({ ok: false, error: { code: 'E_TOO_LARGE' } })
    expect(parseUpstream(note, note.length + 40).ok).toBe(true)
  })

  it('refuses prototype keys anywhere in a message', () => {
    const raw = `{"type":"push","id":"r","collection":"customers","rows":[{"newDocumentState":{"id":"c","__proto__":{"polluted":1}},"assumedMasterState":null}]}`
    expect(parseUpstream(raw, MAX)).toMatchObject({ ok: false, error: { code: 'E_BAD_MESSAGE' } })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('refuses absurd nesting and numbers without throwing', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    expect(parseUpstream(deep, 1_000_000).ok).toBe(false)
    const nested = `{"type":"push","id":"r","collection":"customers","rows":[{"newDocumentState":${'{"a":'.repeat(40)}1${'}'.repeat(40)},"assumedMasterState":null}]}`
    expect(parseUpstream(nested, MAX)).toMatchObject({ ok: false, error: { code: 'E_BAD_MESSAGE' } })
    expect(
      parseUpstream('{"type":"pull","id":"r","collection":"customers","checkpoint":null,"limit":1e999}', MAX),
    ).toMatchObject({
      ok: false,
      error: { code: 'E_BAD_MESSAGE' },
    })
  })

  it('answers non-text input with an error instead of throwing', () => {
    expect(parseUpstream(Buffer.from('{}') as unknown as string, MAX)).toMatchObject({
      ok: false,
      error: { code: 'E_BAD_MESSAGE' },
    })
  })
})

describe('parseDownstream', () => {
  it('reads server messages and refuses client ones', () => {
    const result = {
      type: 'pullResult',
      id: 'r1',
      documents: [{ id: 'c1', _deleted: false }],
      checkpoint: { x: '1', t: '2', i: 'c1', sx: '1' },
    }
    expect(parseDownstream(JSON.stringify(result))).toEqual({ ok: true, msg: result })
    expect(parseDownstream(JSON.stringify({ type: 'error', code: 'E_FORBIDDEN', message: 'no' })).ok).toBe(
      true,
    )
    expect(parseDownstream(JSON.stringify({ type: 'error', code: 'E_NOPE', message: 'no' })).ok).toBe(false)
    expect(parseDownstream(JSON.stringify(pull))).toMatchObject({
      ok: false,
      error: { code: 'E_UNKNOWN_TYPE' },
    })
  })

  it('rejects checkpoints that are not decimal transaction ids', () => {
    const bad = {
      type: 'pullResult',
      id: 'r1',
      documents: [],
      checkpoint: { x: '-1', t: '2', i: 'c1', sx: '1' },
    }
    expect(parseDownstream(JSON.stringify(bad)).ok).toBe(false)
  })
})
