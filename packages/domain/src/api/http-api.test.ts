import { describe, expect, it } from 'vitest'
import { endpointPath } from './endpoint.ts'
import { httpApi } from './http-api.ts'
import { customerRoles, importRoles, requiredRoles } from './import-roles.ts'

describe('httpApi', () => {
  it('names each route once: no two endpoints share a method and path', () => {
    const routes = Object.values(httpApi).map((e) => `${e.method} ${e.path}`)
    expect(new Set(routes).size).toBe(routes.length)
    for (const e of Object.values(httpApi)) expect(e.path.startsWith('/api/')).toBe(true)
  })

  it('fills path parameters, encoded, and refuses a missing one', () => {
    expect(endpointPath(httpApi.reviewVisit, { id: 'v 1/2' })).toBe('/api/visits/v%201%2F2/review')
    expect(() => endpointPath(httpApi.reviewVisit, {})).toThrow(/missing path parameter id/)
  })

  it('offers every role the server reads, and each required role is one of them', () => {
    expect(customerRoles).toContain('birthday')
    expect(customerRoles).toContain('tier')
    for (const kind of ['customers', 'orders', 'products'] as const)
      for (const role of requiredRoles[kind]) expect(importRoles[kind]).toContain(role)
  })

  it('normalises the login e-mail as the server looks it up', () => {
    const body = httpApi.login.body.parse({ email: '  Rep@Example.COM ', password: 'x' })
    expect(body.email).toBe('rep@example.com')
  })
})
