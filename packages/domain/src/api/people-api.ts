import { z } from 'zod'
import { teamSchema } from '../model/team.ts'
import { roleSchema } from '../model/user.ts'
import { defineEndpoint } from './endpoint.ts'

const id = z.string().min(1).max(64)

/** How a new (or reset) user gets in: a temporary password to change at first sign-in, or a one-time link. */
export const credentialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('temporary'), password: z.string().min(8).max(200).optional() }),
  z.object({ kind: z.literal('invite') }),
])
export type Credential = z.infer<typeof credentialSchema>

/** What was issued: the temporary password (shown once) or the invitation link's path. */
export const issuedSchema = z.object({
  temporaryPassword: z.string().optional(),
  invitePath: z.string().optional(),
})
export type Issued = z.infer<typeof issuedSchema>

/** What an admin sees of a user: never the password hash. */
export const userViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  teamId: z.string().nullable(),
  phone: z.string().optional(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
})
export type UserView = z.infer<typeof userViewSchema>

export const listUsers = defineEndpoint({
  method: 'GET',
  path: '/api/admin/users',
  response: z.array(userViewSchema),
})

export const createUser = defineEndpoint({
  method: 'POST',
  path: '/api/admin/users',
  body: z.object({
    email: z.email().max(200),
    displayName: z.string().trim().min(1).max(200),
    role: roleSchema,
    teamId: id.nullable(),
    phone: z.string().trim().max(200).optional(),
    credential: credentialSchema,
  }),
  response: issuedSchema.extend({ user: userViewSchema }),
})

/** Changes a user; disabling them, or another role or team, ends their sessions at once. */
export const changeUser = defineEndpoint({
  method: 'PATCH',
  path: '/api/admin/users/:id',
  body: z
    .object({
      displayName: z.string().trim().min(1).max(200),
      role: roleSchema,
      teamId: id.nullable(),
      phone: z.string().trim().max(200),
      disabled: z.boolean(),
    })
    .partial(),
  response: userViewSchema,
})

export const resetPassword = defineEndpoint({
  method: 'POST',
  path: '/api/admin/users/:id/reset-password',
  body: z.object({ credential: credentialSchema }),
  response: issuedSchema,
})

/** Users from a CSV: all lines are checked first; one bad line and nobody is created. */
export const bulkCreateUsers = defineEndpoint({
  method: 'POST',
  path: '/api/admin/users/bulk',
  body: z.object({ csv: z.string().max(5 * 1024 * 1024), credential: credentialSchema }),
  response: z.object({
    created: z.array(issuedSchema.extend({ line: z.number(), user: userViewSchema })),
    errors: z.array(z.object({ line: z.number(), reason: z.string(), zh: z.string() })),
  }),
})

export const listTeams = defineEndpoint({
  method: 'GET',
  path: '/api/admin/teams',
  response: z.array(teamSchema),
})

const teamBody = z.object({
  name: z.string().trim().min(1).max(200),
  region: z.string().trim().max(200).default(''),
  supervisorIds: z.array(id).max(20).default([]),
})
export const createTeam = defineEndpoint({
  method: 'POST',
  path: '/api/admin/teams',
  body: teamBody,
  response: teamSchema,
})
export const updateTeam = defineEndpoint({
  method: 'PUT',
  path: '/api/admin/teams/:id',
  body: teamBody,
  response: teamSchema,
})

/** One admin or supervisor action in the audit log. */
export const auditRowSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  teamId: z.string().nullable(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
})
export type AuditRow = z.infer<typeof auditRowSchema>

/** The audit log, newest first, a page at a time (`beforeId` continues a page). */
export const listAudit = defineEndpoint({
  method: 'GET',
  path: '/api/admin/audit',
  query: z.object({
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    beforeId: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional(),
    action: z.string().max(64).optional(),
  }),
  response: z.array(auditRowSchema),
})
