import { logout } from '../platform/session.ts'
import { clearListSnapshots } from './list-snapshot.ts'

/**
 * Ends the session on this device: the session and the last user are forgotten at once (before the
 * server is told), and the customer list's start-up copy goes too, so the next person on this phone
 * never sees it.
 */
export function signOut(): Promise<void> {
  const told = logout()
  clearListSnapshots()
  return told
}
