import { z } from 'zod'
import { idSchema, isoDateTimeSchema } from '../model/common.ts'
import { roleSchema } from '../model/user.ts'

/** Reply to a valid hello: who the token belongs to, and the server's clock for skew checks. */
export const welcomeSchema = z.object({
  type: z.literal('welcome'),
  protocol: z.number().int().min(1),
  userId: idSchema,
  role: roleSchema,
  teamId: idSchema.nullable(),
  serverTime: isoDateTimeSchema,
})
export type Welcome = z.infer<typeof welcomeSchema>
