import { z } from 'zod'

const xid8 = z.string().regex(/^\d{1,20}$/, 'decimal xid8')

/**
 * Where a pull stopped: transaction ids and the last document id of the page, made by the server and
 * echoed back by the client unchanged (clients must not interpret it).
 */
export const checkpointSchema = z.object({
  x: xid8,
  t: xid8,
  i: z.string().regex(/^[A-Za-z0-9_.:-]{0,64}$/, 'document id'),
  sx: xid8,
})
export type Checkpoint = z.infer<typeof checkpointSchema>
