import { z } from 'zod'
import { idSchema } from '../model/common.ts'

/** First message on every socket: authentication travels here, never in the URL (which ends up in logs). */
export const helloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.number().int().min(1).max(1_000_000),
  token: z.string().min(1).max(4_096),
  deviceId: idSchema,
})
export type Hello = z.infer<typeof helloSchema>
