import { httpApi, type Issued, type Role, type Team, type UserView } from '@outrider/domain'
import { useCallback, useEffect, useState } from 'react'
import { callApi, errorKey } from '../../shared/api.ts'

export type { Issued, Role }
export const ROLES: Role[] = ['rep', 'supervisor', 'admin']

/** A user as the admin API shows them (never a password). */
export type AdminUser = UserView

/** People and teams from the server (they are not on the device: the console needs a connection). */
export function useAdminData() {
  const [users, setUsers] = useState<AdminUser[] | null>(null)
  const [teams, setTeams] = useState<Team[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loads, setLoads] = useState(0)
  const reload = useCallback(async () => {
    try {
      const [u, t] = await Promise.all([callApi(httpApi.listUsers, {}), callApi(httpApi.listTeams, {})])
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
