import { z } from 'zod'
import { entityBase, idSchema, shortText } from './common.ts'

export const teamSchema = z.object({
  ...entityBase,
  name: shortText.min(1),
  region: shortText,
  supervisorIds: z.array(idSchema).max(20),
})
export type Team = z.infer<typeof teamSchema>
