import { z } from 'zod'
import { entityBase, geoPointSchema, idSchema, minuteOfDaySchema, shortText } from './common.ts'

export const roleSchema = z.enum(['rep', 'supervisor', 'admin'])
export type Role = z.infer<typeof roleSchema>

export const userSchema = z.object({
  ...entityBase,
  email: z.email().max(200),
  displayName: shortText.min(1),
  role: roleSchema,
  teamId: idSchema.nullable(),
  phone: shortText.optional(),
  disabled: z.boolean(),
  /** Where the rep's day starts and ends by default (home or office). */
  home: geoPointSchema.optional(),
  workStart: minuteOfDaySchema.optional(),
  workEnd: minuteOfDaySchema.optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
})
export type User = z.infer<typeof userSchema>
