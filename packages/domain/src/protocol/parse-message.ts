import type { z } from 'zod'
import { collectionNameSchema } from './collection-table.ts'
import { type Downstream, downstreamSchema } from './downstream.ts'
import type { ErrorCode, ErrorDetail, WireError } from './errors.ts'
import { requestIdSchema } from './request-id.ts'
import { type Upstream, upstreamSchema } from './upstream.ts'

export type ParseResult<T> = { ok: true; msg: T } | { ok: false; error: WireError }

/** Deeper than any real message (a pushed customer is 7 levels); bounds the work a hostile frame can cause. */
const MAX_DEPTH = 32
const MAX_DETAILS = 20
/** Keys that could reach an object's prototype when copied by naive code; no model field uses them. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Parses one client→server frame. Never throws: every failure is a typed error with a stable code, and
 * carries the request `id` when one could be read, so the reply can be matched to its request.
 */
export function parseUpstream(raw: string, maxBytes: number): ParseResult<Upstream> {
  return parseWire(upstreamSchema, raw, maxBytes)
}

/** Parses one server→client frame, with the same guarantees as `parseUpstream`. */
export function parseDownstream(raw: string, maxBytes = Number.POSITIVE_INFINITY): ParseResult<Downstream> {
  return parseWire(downstreamSchema, raw, maxBytes)
}

type Union = z.ZodDiscriminatedUnion<z.ZodObject[], 'type'>

function parseWire<S extends Union>(schema: S, raw: unknown, maxBytes: number): ParseResult<z.infer<S>> {
  try {
    if (typeof raw !== 'string') return fail('E_BAD_MESSAGE', 'a message is one JSON text frame')
    if (exceedsBytes(raw, maxBytes)) return fail('E_TOO_LARGE', `message is larger than ${maxBytes} bytes`)
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch {
      return fail('E_BAD_JSON', 'message is not valid JSON')
    }
    const problem = structureProblem(value)
    if (problem !== null) return fail('E_BAD_MESSAGE', problem)
    if (!isRecord(value)) return fail('E_BAD_MESSAGE', 'message must be a JSON object')
    const id = requestIdSchema.safeParse(value.id).success ? (value.id as string) : undefined
    if (typeof value.type !== 'string') return fail('E_BAD_MESSAGE', 'message has no "type"', id)
    if (!schema.options.some((o) => o.shape.type.def.values.includes(value.type as never))) {
      return fail('E_UNKNOWN_TYPE', `unknown message type "${value.type.slice(0, 40)}"`, id)
    }
    if (typeof value.collection === 'string' && !collectionNameSchema.safeParse(value.collection).success) {
      return fail('E_UNKNOWN_COLLECTION', `unknown collection "${value.collection.slice(0, 40)}"`, id)
    }
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      const details = parsed.error.issues.slice(0, MAX_DETAILS).map((issue) => detailFor(value, issue))
      return fail('E_BAD_MESSAGE', `invalid ${value.type} message`, id, details)
    }
    return { ok: true, msg: parsed.data as z.infer<S> }
  } catch {
    // Defensive: nothing above should throw, but a socket handler must never crash on a frame.
    return fail('E_BAD_MESSAGE', 'message could not be read')
  }
}

function fail(
  code: ErrorCode,
  message: string,
  id?: string,
  details?: ErrorDetail[],
): { ok: false; error: WireError } {
  return {
    ok: false,
    error: {
      code,
      message,
      ...(id === undefined ? {} : { id }),
      ...(details === undefined ? {} : { details }),
    },
  }
}

/** UTF-8 length without allocating; a UTF-16 unit never takes fewer bytes, so long strings fail fast. */
function exceedsBytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true
  if (text.length * 3 <= maxBytes) return false
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
    if (bytes > maxBytes) return true
  }
  return false
}

/** Depth and key check without recursion, so a hostile nesting cannot overflow the stack. */
function structureProblem(root: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth } = item
    if (value === null || typeof value !== 'object') continue
    if (depth > MAX_DEPTH) return `message is nested deeper than ${MAX_DEPTH} levels`
    if (Array.isArray(value)) {
      for (const member of value) stack.push({ value: member, depth: depth + 1 })
      continue
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `key "${key}" is not allowed`
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 })
    }
  }
  return null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Names the field, and the document when the issue sits inside a pushed row. */
function detailFor(message: Record<string, unknown>, issue: z.core.$ZodIssue): ErrorDetail {
  const field = issue.path.map(String).join('.').slice(0, 500)
  const detail: ErrorDetail = { reason: issue.message.slice(0, 1_000) }
  if (field !== '') detail.field = field
  const [top, index] = issue.path
  if (top === 'rows' && typeof index === 'number' && Array.isArray(message.rows)) {
    const row: unknown = message.rows[index]
    const docId = isRecord(row) && isRecord(row.newDocumentState) ? row.newDocumentState.id : undefined
    if (typeof docId === 'string') detail.docId = docId.slice(0, 200)
  }
  return detail
}
