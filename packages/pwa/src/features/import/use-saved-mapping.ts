import { httpApi, type ImportKind, importRoles } from '@outrider/domain'
import { useEffect } from 'react'
import { callApi } from '../../shared/api.ts'

/** A custom field's key, as the server accepts it. */
const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/

/**
 * The mapping saved for this source and kind (the server keeps one per pair), looked up a moment after
 * typing stops; `onRestored` gets the roles it maps that this kind still reads.
 */
export function useSavedMapping(
  source: string,
  header: readonly string[],
  kind: ImportKind,
  onRestored: (columns: Record<string, string>) => void,
) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: onRestored is a dispatch, stable for the page's life
  useEffect(() => {
    const name = source.trim()
    if (!name || header.length === 0) return
    let live = true
    const timer = setTimeout(() => {
      callApi(httpApi.loadImportMapping, { params: { source: name }, query: { kind } }).then(
        (saved) => {
          const cols = Object.fromEntries(
            Object.entries(saved.columns).filter(
              ([role]) => importRoles[kind].includes(role) || (kind === 'customers' && CUSTOM_KEY.test(role)),
            ),
          )
          if (live && Object.keys(cols).length > 0) onRestored(cols)
        },
        // No mapping saved for this source yet (404), or offline: the guess stands.
        () => undefined,
      )
    }, 400)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [source, header, kind])
}
