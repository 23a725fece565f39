import { z } from 'zod'
import { everyCollection } from './collection-table.ts'
import { downstreamSchema } from './downstream.ts'
import { fnv1a64 } from './fnv1a-64.ts'
import { stableStringify } from './stable-stringify.ts'
import { upstreamSchema } from './upstream.ts'

/**
 * JSON Schema of both message unions and of every collection's documents (with how each merges, which
 * fields the server owns and who receives its rows): the wire format as other implementations would see it.
 */
export function protocolJsonSchema(): { upstream: unknown; downstream: unknown; documents: unknown } {
  const documents = Object.fromEntries(
    everyCollection().map(([name, d]) => [
      name,
      {
        kind: d.kind,
        serverOwned: d.serverOwned,
        scope: d.scope,
        schema: z.toJSONSchema(d.schema, { unrepresentable: 'any' }),
      },
    ]),
  )
  return { upstream: z.toJSONSchema(upstreamSchema), downstream: z.toJSONSchema(downstreamSchema), documents }
}

/** Fingerprint of the wire format; it changes exactly when a message or document shape changes. */
export function protocolSchemaHash(): string {
  return fnv1a64(stableStringify(protocolJsonSchema()))
}
