import type { EndpointResult } from '@outrider/domain'
import { accessToken } from '../../platform/session.ts'
import { ApiError, apiErrorOf, type CallInput, endpointUrl, parseReply } from '../../shared/api.ts'
import type { ImportEndpoint } from './import-endpoint.ts'

export type UploadProgress = { phase: 'upload'; sent: number; total: number } | { phase: 'server' }

/**
 * POSTs a file import like `callApi`, reporting upload progress (fetch cannot), so a 100,000-line file
 * shows how far it got; once sent, the phase turns to `server` while the server checks and writes.
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
    xhr.open(endpoint.method, endpointUrl(endpoint, input))
    xhr.setRequestHeader('authorization', `Bearer ${token}`)
    xhr.setRequestHeader('content-type', 'application/json')
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', sent: e.loaded, total: e.total })
    xhr.upload.onload = () => onProgress({ phase: 'server' })
    xhr.onerror = () => reject(new ApiError('E_NETWORK', 'network error'))
    xhr.onload = () => {
      let json: unknown = null
      try {
        json = JSON.parse(xhr.responseText)
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
