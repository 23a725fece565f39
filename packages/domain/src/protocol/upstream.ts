import { z } from 'zod'
import { helloSchema } from './hello.ts'
import { pingSchema } from './ping.ts'
import { pullSchema } from './pull.ts'
import { pushSchema } from './push.ts'

/** Every message a device may send to the server. */
export const upstreamSchema = z.discriminatedUnion('type', [helloSchema, pullSchema, pushSchema, pingSchema])
export type Upstream = z.infer<typeof upstreamSchema>
export type UpstreamType = Upstream['type']
export const upstreamTypes: readonly UpstreamType[] = ['hello', 'pull', 'push', 'ping']
