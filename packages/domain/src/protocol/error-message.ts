import { z } from 'zod'
import { wireErrorSchema } from './errors.ts'

/** A failed request (with its `id`) or a connection-level problem (without). */
export const errorMessageSchema = z.object({ type: z.literal('error'), ...wireErrorSchema.shape })
export type ErrorMessage = z.infer<typeof errorMessageSchema>
