import type { FastifyReply, FastifyRequest } from 'fastify'

/** One error shape on the wire for HTTP, with the same stable codes as the websocket protocol. */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
) {
  return reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } })
}

/** Fastify's own 404 answers in its shape; this answers in the app's. */
export const apiNotFound = (_req: FastifyRequest, reply: FastifyReply) =>
  sendError(reply, 404, 'E_NOT_FOUND', 'not found')
