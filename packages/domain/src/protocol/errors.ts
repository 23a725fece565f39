import { z } from 'zod'

/** Stable error codes shared by the sync socket and the REST API; clients branch on these, never on text. */
export const errorCodeSchema = z.enum([
  'E_BAD_JSON',
  'E_BAD_MESSAGE',
  'E_UNKNOWN_TYPE',
  'E_TOO_LARGE',
  'E_RATE_LIMITED',
  'E_UNAUTHENTICATED',
  'E_TOKEN_EXPIRED',
  'E_SESSION_REVOKED',
  'E_ORIGIN',
  'E_PROTOCOL_VERSION',
  'E_FORBIDDEN',
  'E_VALIDATION',
  'E_READ_ONLY',
  'E_UNKNOWN_COLLECTION',
  'E_APPEND_ONLY',
  'E_NOT_FOUND',
  'E_INTERNAL',
])
export type ErrorCode = z.infer<typeof errorCodeSchema>

export interface ErrorDefinition {
  /** One line for people (sync status screen, logs), in both UI languages. */
  description: { en: string; zh: string }
  /** WebSocket close code sent after the error message, or null when the socket stays open. */
  closeCode: number | null
  /** Status for the same error on the REST API. */
  httpStatus: number
}

export const errorCatalogue: Readonly<Record<ErrorCode, ErrorDefinition>> = {
  E_BAD_JSON: {
    description: { en: 'The message is not valid JSON.', zh: '消息不是有效的 JSON。' },
    closeCode: null,
    httpStatus: 400,
  },
  E_BAD_MESSAGE: {
    description: { en: 'The message does not have the expected shape.', zh: '消息格式不符合要求。' },
    closeCode: null,
    httpStatus: 400,
  },
  E_UNKNOWN_TYPE: {
    description: { en: 'The message type is not part of the protocol.', zh: '消息类型不属于同步协议。' },
    closeCode: null,
    httpStatus: 400,
  },
  E_TOO_LARGE: {
    description: { en: 'The message is too large.', zh: '消息过大。' },
    closeCode: 1009,
    httpStatus: 413,
  },
  E_RATE_LIMITED: {
    description: { en: 'Too many messages; slow down.', zh: '请求过于频繁，请稍后再试。' },
    closeCode: 4029,
    httpStatus: 429,
  },
  E_UNAUTHENTICATED: {
    description: { en: 'Sign in first.', zh: '请先登录。' },
    closeCode: 4001,
    httpStatus: 401,
  },
  E_TOKEN_EXPIRED: {
    description: { en: 'Your session has expired; sign in again.', zh: '登录已过期，请重新登录。' },
    closeCode: 4001,
    httpStatus: 401,
  },
  E_SESSION_REVOKED: {
    description: {
      en: 'Your session was ended (signed out elsewhere, password changed or account disabled); sign in again.',
      zh: '登录已被终止（在别处退出、密码已修改或账号已停用），请重新登录。',
    },
    closeCode: 4001,
    httpStatus: 401,
  },
  E_ORIGIN: {
    description: { en: 'Requests from this site are not allowed.', zh: '不允许来自此网站的请求。' },
    closeCode: 4003,
    httpStatus: 403,
  },
  E_PROTOCOL_VERSION: {
    description: { en: 'The app is out of date; reload to update it.', zh: '应用版本过旧，请刷新以更新。' },
    closeCode: 4400,
    httpStatus: 400,
  },
  E_FORBIDDEN: {
    description: { en: 'You are not allowed to change this record.', zh: '您无权修改此记录。' },
    closeCode: null,
    httpStatus: 403,
  },
  E_VALIDATION: {
    description: { en: 'The record has invalid values.', zh: '记录包含无效的值。' },
    closeCode: null,
    httpStatus: 422,
  },
  E_READ_ONLY: {
    description: { en: 'This data can only be changed on the server.', zh: '此数据只能在服务器端修改。' },
    closeCode: null,
    httpStatus: 403,
  },
  E_UNKNOWN_COLLECTION: {
    description: { en: 'There is no such collection.', zh: '不存在该数据集合。' },
    closeCode: null,
    httpStatus: 404,
  },
  E_APPEND_ONLY: {
    description: {
      en: 'Saved visits, orders and feedback cannot be changed; save a correction instead.',
      zh: '已保存的拜访、订单和反馈不能修改，请另存一条更正。',
    },
    closeCode: null,
    httpStatus: 409,
  },
  E_NOT_FOUND: {
    description: { en: 'There is no such record.', zh: '记录不存在。' },
    closeCode: null,
    httpStatus: 404,
  },
  E_INTERNAL: {
    description: {
      en: 'Something went wrong on the server; it will be retried.',
      zh: '服务器出错，将自动重试。',
    },
    closeCode: null,
    httpStatus: 500,
  },
}

/** Close code per error code (null: keep the socket open), for the socket route. */
export const errorCloseCodes: Readonly<Record<ErrorCode, number | null>> = Object.fromEntries(
  errorCodeSchema.options.map((code) => [code, errorCatalogue[code].closeCode]),
) as Record<ErrorCode, number | null>

/** HTTP status per error code, for the REST API. */
export const errorHttpStatus: Readonly<Record<ErrorCode, number>> = Object.fromEntries(
  errorCodeSchema.options.map((code) => [code, errorCatalogue[code].httpStatus]),
) as Record<ErrorCode, number>

/** What went wrong with one document or field of a message. */
export const errorDetailSchema = z.object({
  docId: z.string().max(200).optional(),
  field: z.string().max(500).optional(),
  reason: z.string().max(1_000),
})
export type ErrorDetail = z.infer<typeof errorDetailSchema>

/** The one error shape, on the socket (as the `error` message) and as the REST error body. */
export const wireErrorSchema = z.object({
  id: z.string().max(64).optional(),
  code: errorCodeSchema,
  message: z.string().max(2_000),
  details: z.array(errorDetailSchema).max(500).optional(),
})
export type WireError = z.infer<typeof wireErrorSchema>
