import type { FastifyReply } from 'fastify'

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
