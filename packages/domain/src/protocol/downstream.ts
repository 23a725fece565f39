import { z } from 'zod'
import { changedSchema } from './changed.ts'
import { errorMessageSchema } from './error-message.ts'
import { pongSchema } from './pong.ts'
import { pullResultSchema } from './pull-result.ts'
import { pushResultSchema } from './push-result.ts'
import { welcomeSchema } from './welcome.ts'

/** Every message the server may send to a device. */
export const downstreamSchema = z.discriminatedUnion('type', [
  welcomeSchema,
  pullResultSchema,
  pushResultSchema,
  changedSchema,
  pongSchema,
  errorMessageSchema,
])
export type Downstream = z.infer<typeof downstreamSchema>
export type DownstreamType = Downstream['type']
