import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { visitSchema } from '../model/visit.ts'
import { fnv1a64 } from './fnv1a-64.ts'
import { protocolJsonSchema, protocolSchemaHash } from './protocol-hash.ts'
import { PROTOCOL_VERSION } from './protocol-version.ts'
import { pushSchema } from './push.ts'
import { stableStringify } from './stable-stringify.ts'

/**
 * The wire format as last released. When a message shape changes, this test fails: bump PROTOCOL_VERSION
 * (old clients are then told to reload instead of misreading messages) and record the new hash here.
 */
const recorded = { version: 14, hash: '3e54f4f25b49797b' }

describe('protocol version', () => {
  it('matches the recorded wire format', () => {
    const current = { version: PROTOCOL_VERSION, hash: protocolSchemaHash() }
    expect(current, 'wire format changed: bump PROTOCOL_VERSION and update the hash').toEqual(recorded)
  })

  it('would notice a changed message shape', () => {
    const { upstream, downstream } = protocolJsonSchema()
    const changedPush = pushSchema.extend({ rows: z.array(z.unknown()).max(1_000) })
    const altered = { upstream: { upstream, extra: z.toJSONSchema(changedPush) }, downstream }
    expect(fnv1a64(stableStringify(altered))).not.toBe(protocolSchemaHash())
  })

  it('would notice a changed document shape', () => {
    const current = protocolJsonSchema()
    const documents = current.documents as Record<string, { schema: unknown }>
    const visits = documents.visits as { schema: unknown }
    const altered = {
      ...current,
      documents: {
        ...documents,
        visits: { ...visits, schema: z.toJSONSchema(visitSchema.extend({ mood: z.string() })) },
      },
    }
    expect(fnv1a64(stableStringify(altered))).not.toBe(protocolSchemaHash())
  })
})
