import { z } from 'zod'

/** Ids are opaque strings made on the device (UUID v4/v7) or by the server; bounded to keep payloads sane. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'id: letters, digits, _ . : - only')
export const isoDateTimeSchema = z.iso.datetime({ offset: true })
export const isoDateSchema = z.iso.date()
/** Minutes since local midnight, 0..1440. */
export const minuteOfDaySchema = z.number().int().min(0).max(1440)

export const geoPointSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
})
export type GeoPoint = z.infer<typeof geoPointSchema>

/** Half of a UTF-16 surrogate pair; with NUL, what Postgres cannot store in JSON nor anyone display. */
const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Whether a string can be stored and shown as it is (no NUL, no unpaired surrogate). */
export const isStorableText = (s: string): boolean => !s.includes('\u0000') && !unpairedSurrogate.test(s)

/** Free text of at most `max` characters that can be stored as it is; anything else is a validation error. */
export const text = (max: number) =>
  z.string().max(max).refine(isStorableText, 'text must not contain NUL characters or unpaired surrogates')

/**
 * Hybrid logical clock stamp, `<ms:13>-<counter:4>-<deviceId>`, so that plain string comparison
 * orders by time, then counter, then device id (the tie-break the conflict rules ask for).
 */
export const hlcSchema = z.string().regex(/^\d{13}-\d{4}-[A-Za-z0-9_.:-]{1,64}$/)

/**
 * Per-field clocks of a mergeable record: field name → HLC of its last edit; a keyed field's entries
 * have their own (`customFields.<key>`, see `keyedFields`).
 */
export const fieldClocksSchema = z.record(text(100), hlcSchema)

/** What every synced record carries. Server-owned fields are overwritten on the server. */
export const entityBase = {
  id: idSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /** Server-owned: when the server last stored this record. */
  serverUpdatedAt: isoDateTimeSchema.optional(),
}

/** Mergeable records (customer, contact, task, plan) merge field by field on these clocks. */
export const mergeableBase = { ...entityBase, clocks: fieldClocksSchema }

/** Append-only records (visit, order, feedback) never change; a correction is a new revision. */
export const appendOnlyBase = {
  ...entityBase,
  /** The first revision's id; equals `id` for the first one. */
  revisionOf: idSchema,
  revision: z.number().int().min(1).max(10_000),
  /**
   * Server-owned: the record's author, taken from the session, never from the client; a correction
   * keeps its original's author (the record stays theirs whoever corrected it).
   */
  authorId: idSchema.optional(),
  /** Server-owned: who stored this revision (the author, or a supervisor of the record's team). */
  revisedBy: idSchema.optional(),
  /** Why this revision replaces the one before it; every correction (revision > 1) pushed by a device has one. */
  reason: text(500).optional(),
  /** Server-owned: when the server first received it (for device-clock checks). */
  receivedAt: isoDateTimeSchema.optional(),
}

export const shortText = text(200)
export const longText = text(5_000)

/** Keys that reach an object's prototype when copied naively; refused wherever a key is user-chosen. */
export const reservedKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

/** A user-chosen key (custom field, survey answer): bounded, storable, not a reserved key. */
export const userKey = (max: number) => text(max).refine((k) => !reservedKeys.has(k), 'this name is reserved')
