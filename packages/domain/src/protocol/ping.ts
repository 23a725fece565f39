import { z } from 'zod'
import { requestIdSchema } from './request-id.ts'

/** Keeps idle sockets alive through proxies and lets the client measure liveness. */
export const pingSchema = z.object({ type: z.literal('ping'), id: requestIdSchema })
export type Ping = z.infer<typeof pingSchema>
