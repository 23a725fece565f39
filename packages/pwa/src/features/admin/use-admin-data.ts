import type { Team } from '@outrider/domain'
import { useCallback, useEffect, useState } from 'react'
import { apiJson, errorKey } from '../../shared/api.ts'

export type Role = 'rep' | 'supervisor' | 'admin'
export const ROLES: Role[] = ['rep', 'supervisor', 'admin']

/** A user as the admin API shows them (never a password). */
export type AdminUser = {
  id: string
  email: string
  displayName: string
  role: Role
  teamId: string | null
  phone?: string
  disabled: boolean
  mustChangePassword: boolean
}

/** What creating or resetting a user hands out once: a temporary password or an invitation path. */
export type Issued = { temporaryPassword?: string; invitePath?: string }

/** People and teams from the server (they are not on the device: the console needs a connection). */
export function useAdminData() {
  const [users, setUsers] = useState<AdminUser[] | null>(null)
  const [teams, setTeams] = useState<Team[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loads, setLoads] = useState(0)
  const reload = useCallback(async () => {
    try {
      const [u, t] = await Promise.all([
        apiJson<AdminUser[]>('GET', '/api/admin/users'),
        apiJson<Team[]>('GET', '/api/admin/teams'),
      ])
      setUsers(u)
      setTeams(t)
      setError(null)
      setLoads((n) => n + 1)
    } catch (err) {
      setError(errorKey(err))
    }
  }, [])
  useEffect(() => {
    void reload()
  }, [reload])
  return { users, teams, error, reload, loads }
}
