import type { Rng, Role, Team, User } from '@outrider/domain'
import { type CityKey, cities, districtOf, offsetKm, type Territory, teamPlans } from './cities.ts'
import { isoAt } from './clock.ts'
import { mobile } from './people.ts'

/** Every demo account signs in with this password; it is printed on the demo login screen, never used in production. */
export const DEMO_PASSWORD = 'outrider-demo'

export type DemoLogin = { email: string; password: string; role: Role; displayName: string }

/** A rep with the territory the customer generator fills. */
export type RepPlan = { user: User; teamId: string; territory: Territory; cityKey: CityKey }

export type Org = {
  teams: Team[]
  users: User[]
  logins: DemoLogin[]
  reps: RepPlan[]
  supervisorOf: Record<string, string>
}

const repNames = ['王建国', '李娜', '张伟', '陈静', '刘洋', '黄丽华', '林志强', '吴晓燕']
const supervisorNames = ['周海波', '梁美玲']

/** Two teams, four reps each, a supervisor per team and one admin; ids and emails are stable across seeds. */
export function generateOrg(rng: Rng, createdMs: number): Org {
  const createdAt = isoAt(createdMs)
  const base = { createdAt, updatedAt: createdAt }
  const teams: Team[] = []
  const users: User[] = []
  const reps: RepPlan[] = []
  const supervisorOf: Record<string, string> = {}

  teamPlans.forEach((plan, t) => {
    const supervisorId = `u-sup-${t + 1}`
    teams.push({ id: plan.id, ...base, name: plan.name, region: plan.region, supervisorIds: [supervisorId] })
    const firstCity = cities[plan.territories[0].cityKey]
    users.push({
      id: supervisorId,
      ...base,
      email: `sup${t + 1}@outrider.demo`,
      displayName: supervisorNames[t] ?? `主管${t + 1}`,
      role: 'supervisor',
      teamId: plan.id,
      phone: mobile(rng),
      disabled: false,
      home: offsetKm(
        (firstCity.districts[0] ?? { centre: { lat: 0, lng: 0 } }).centre,
        rng.normal(),
        rng.normal(),
      ),
      locale: 'zh-CN',
    })
    supervisorOf[plan.id] = supervisorId
    plan.territories.forEach((territory, r) => {
      const n = t * plan.territories.length + r + 1
      const homeDistrict = districtOf(territory.cityKey, rng.pick(territory.districts))
      const user: User = {
        id: `u-rep-${n}`,
        ...base,
        email: `rep${n}@outrider.demo`,
        displayName: repNames[n - 1] ?? `业务员${n}`,
        role: 'rep',
        teamId: plan.id,
        phone: mobile(rng),
        disabled: false,
        home: offsetKm(homeDistrict.centre, rng.normal() * 1.5, rng.normal() * 1.5),
        workStart: 8 * 60 + 30,
        workEnd: 18 * 60,
        locale: 'zh-CN',
      }
      users.push(user)
      reps.push({ user, teamId: plan.id, territory, cityKey: territory.cityKey })
    })
  })

  users.push({
    id: 'u-admin-1',
    ...base,
    email: 'admin@outrider.demo',
    displayName: '系统管理员',
    role: 'admin',
    teamId: null,
    disabled: false,
    locale: 'zh-CN',
  })

  const logins = users.map((u) => ({
    email: u.email,
    password: DEMO_PASSWORD,
    role: u.role,
    displayName: u.displayName,
  }))
  return { teams, users, logins, reps, supervisorOf }
}
