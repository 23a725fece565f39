import { z } from 'zod'

/** Chosen by the client per request; the reply carries it back so requests can overlap on one socket. */
export const requestIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'request id: 1–64 of A-Z a-z 0-9 _ . : -')
export type RequestId = z.infer<typeof requestIdSchema>

/** A document as it crosses the wire: a JSON object, validated per collection by the receiver. */
export const wireObjectSchema = z.record(z.string(), z.unknown())
export type WireObject = z.infer<typeof wireObjectSchema>
