import { z } from 'zod'
import { organisationSchema } from '../model/organisation.ts'
import { passwordSchema } from './auth-api.ts'
import { defineEndpoint } from './endpoint.ts'

/** Public: whether the first-run setup is still to be done (nobody can sign in yet). */
export const setupStatus = defineEndpoint({
  method: 'GET',
  path: '/api/setup',
  response: z.object({ needed: z.boolean() }),
})

/** The one-time setup link creates the organisation and its first admin, once. */
export const completeSetup = defineEndpoint({
  method: 'POST',
  path: '/api/setup',
  body: z.object({
    token: z.string().min(10).max(200),
    organisation: organisationSchema,
    admin: z.object({
      email: z.email().max(200),
      displayName: z.string().trim().min(1).max(200),
      password: passwordSchema,
    }),
  }),
  response: z.object({ adminId: z.string(), email: z.string() }),
})
export type SetupBody = z.infer<NonNullable<(typeof completeSetup)['body']>>

export const loadOrganisation = defineEndpoint({
  method: 'GET',
  path: '/api/organisation',
  response: organisationSchema,
})

/** Admins change the organisation's settings (audited). */
export const saveOrganisation = defineEndpoint({
  method: 'PUT',
  path: '/api/organisation',
  body: organisationSchema,
  response: organisationSchema,
})
