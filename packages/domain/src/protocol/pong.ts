import { z } from 'zod'
import { requestIdSchema } from './request-id.ts'

export const pongSchema = z.object({ type: z.literal('pong'), id: requestIdSchema })
export type Pong = z.infer<typeof pongSchema>
