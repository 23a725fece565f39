import {
  type EndpointResult,
  IMPORT_STREAM_TYPE,
  type ImportProgress,
  type ImportStreamLine,
  importStreamLineSchema,
} from '@outrider/domain'
import { accessToken } from '../../platform/session.ts'
import { ApiError, apiErrorOf, type CallInput, endpointUrl, parseReply } from '../../shared/api.ts'
import type { ImportEndpoint } from './import-endpoint.ts'

/** The upload's share sent, then what the server reports: lines read, checked and written. */
export type UploadProgress =
  | { phase: 'upload'; sent: number; total: number }
  | { phase: 'server' }
  | ImportProgress

/**
 * POSTs a file import like `callApi`, reporting upload progress (fetch cannot), then asks the server
 * to stream its own progress (`application/x-ndjson`: lines checked, duplicates searched, lines
 * written) and resolves with the report of its last line, so a 100,000-line file shows how far it got.
 */
export async function postWithProgress<E extends ImportEndpoint>(
  endpoint: E,
  input: CallInput<E>,
  onProgress: (p: UploadProgress) => void,
): Promise<EndpointResult<E>> {
  if (!navigator.onLine) throw new ApiError('E_OFFLINE', 'offline')
  let token: string | null
  try {
    token = await accessToken()
  } catch {
    throw new ApiError('E_SESSION_REVOKED', 'session ended')
  }
  if (!token) throw new ApiError('E_OFFLINE', 'offline')
  const payload = JSON.stringify(input.body)
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    let readUpTo = 0
    let last: ImportStreamLine | null = null
    /** Parses the complete lines that arrived since the last call. */
    const readLines = () => {
      if (xhr.status !== 200) return
      const text = xhr.responseText
      for (let nl = text.indexOf('\n', readUpTo); nl >= 0; nl = text.indexOf('\n', readUpTo)) {
        const parsed = importStreamLineSchema.safeParse(JSON.parse(text.slice(readUpTo, nl)))
        readUpTo = nl + 1
        if (!parsed.success) continue
        last = parsed.data
        if ('progress' in last) onProgress(last.progress)
      }
    }
    xhr.open(endpoint.method, endpointUrl(endpoint, input))
    xhr.setRequestHeader('authorization', `Bearer ${token}`)
    xhr.setRequestHeader('content-type', 'application/json')
    xhr.setRequestHeader('accept', `${IMPORT_STREAM_TYPE}, application/json`)
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', sent: e.loaded, total: e.total })
    xhr.upload.onload = () => onProgress({ phase: 'server' })
    xhr.onprogress = readLines
    xhr.onerror = () => reject(new ApiError('E_NETWORK', 'network error'))
    xhr.onload = () => {
      const streamed = (xhr.getResponseHeader('content-type') ?? '').startsWith(IMPORT_STREAM_TYPE)
      let json: unknown = null
      try {
        if (streamed) {
          readLines()
          const end: ImportStreamLine | null = last
          if (end && 'report' in end) json = end.report
          else if (end && 'error' in end) return reject(apiErrorOf(end.status, '', { error: end.error }))
        } else json = JSON.parse(xhr.responseText)
      } catch {
        // Not JSON (a proxy's error page): the status below still decides, with the status text.
      }
      if (xhr.status < 200 || xhr.status >= 300) return reject(apiErrorOf(xhr.status, xhr.statusText, json))
      try {
        resolve(parseReply(endpoint, json))
      } catch (err) {
        reject(err)
      }
    }
    xhr.send(payload)
  })
}
