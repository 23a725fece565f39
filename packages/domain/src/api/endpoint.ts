import { z } from 'zod'

/**
 * One HTTP action of the server: method, path (`:name` marks a path parameter) and the zod schemas of
 * what goes in and what comes back. The server's routes parse their input with these schemas and
 * shape their replies by them; the PWA's client sends the input type and parses the reply with them.
 */
export interface Endpoint<
  Body extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  body?: Body
  query?: Query
  response: Response
}

/** Declares an endpoint, keeping its schemas' exact types for both sides. */
export function defineEndpoint<
  const E extends {
    method: Endpoint['method']
    path: string
    body?: z.ZodType
    query?: z.ZodType
    response: z.ZodType
  },
>(endpoint: E): E {
  return endpoint
}

/** What a caller sends as the body (before the server's defaults and transforms). */
export type EndpointBody<E> = E extends { body: infer B extends z.ZodType } ? z.input<B> : undefined
/** The query the caller sends. */
export type EndpointQuery<E> = E extends { query: infer Q extends z.ZodType } ? z.input<Q> : undefined
/** The reply as the server shapes it (what it must send). */
export type EndpointReply<E> = E extends { response: infer R extends z.ZodType } ? z.input<R> : never
/** The reply as the client reads it, once parsed. */
export type EndpointResult<E> = E extends { response: infer R extends z.ZodType } ? z.output<R> : never

/** The path with its `:name` parameters filled in (each URI-encoded). */
export function endpointPath(endpoint: Pick<Endpoint, 'path'>, params: Record<string, string> = {}): string {
  return endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`${endpoint.path}: missing path parameter ${name}`)
    return encodeURIComponent(value)
  })
}

/**
 * Every refusal, on every route, in one shape with the protocol's stable `E_*` codes; `details` holds
 * per-row or per-field reasons where there are some.
 */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>

/** The reply of a route that answers only "done". */
export const okSchema = z.object({ ok: z.literal(true) })
