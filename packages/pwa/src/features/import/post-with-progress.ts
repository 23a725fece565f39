import { accessToken } from '../../platform/session.ts'
import { ApiError } from '../../shared/api.ts'

export type UploadProgress = { phase: 'upload'; sent: number; total: number } | { phase: 'server' }

/**
 * POSTs JSON like `apiJson`, reporting upload progress (fetch cannot), so a 100,000-line file shows
 * how far it got; once sent, the phase turns to `server` while the server checks and writes.
 */
export async function postWithProgress<T>(
  url: string,
  body: unknown,
  onProgress: (p: UploadProgress) => void,
): Promise<T> {
  if (!navigator.onLine) throw new ApiError('E_OFFLINE', 'offline')
  let token: string | null
  try {
    token = await accessToken()
  } catch {
    throw new ApiError('E_SESSION_REVOKED', 'session ended')
  }
  if (!token) throw new ApiError('E_OFFLINE', 'offline')
  const payload = JSON.stringify(body)
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
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
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T)
      const e = ((json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error ??
        {}) as { code?: string; message?: string; details?: unknown }
      reject(new ApiError(e.code ?? `HTTP_${xhr.status}`, e.message ?? xhr.statusText, xhr.status, e.details))
    }
    xhr.send(payload)
  })
}
