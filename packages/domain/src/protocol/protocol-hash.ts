import { z } from 'zod'
import { downstreamSchema } from './downstream.ts'
import { fnv1a64 } from './fnv1a-64.ts'
import { stableStringify } from './stable-stringify.ts'
import { upstreamSchema } from './upstream.ts'

/** JSON Schema of both message unions, the wire format as other implementations would see it. */
export function protocolJsonSchema(): { upstream: unknown; downstream: unknown } {
  return { upstream: z.toJSONSchema(upstreamSchema), downstream: z.toJSONSchema(downstreamSchema) }
}

/** Fingerprint of the wire format; it changes exactly when a message shape changes. */
export function protocolSchemaHash(): string {
  return fnv1a64(stableStringify(protocolJsonSchema()))
}
