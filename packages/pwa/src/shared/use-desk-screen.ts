import { useSyncExternalStore } from 'react'

/** The width from which a supervisor gets the desktop console (side navigation, tables, drawers). */
export const DESK_QUERY = '(min-width: 1024px)'

const subscribe = (onChange: () => void) => {
  const list = window.matchMedia(DESK_QUERY)
  list.addEventListener('change', onChange)
  return () => list.removeEventListener('change', onChange)
}
const snapshot = () => window.matchMedia(DESK_QUERY).matches

/** True on a desktop-sized window, following it as the window is resized. */
export function useDeskScreen(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false)
}
