import { z } from 'zod'
import { roleSchema } from '../model/user.ts'
import { defineEndpoint, okSchema } from './endpoint.ts'

/** The one spelling of an e-mail, for the lookup and the per-account limit alike. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase()

/** A password a user chooses (or an admin sets as temporary). */
export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200)

/** A fresh access token (short-lived) and the rotating refresh token that renews it. */
export const tokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds the access token lives. */
  expiresIn: z.number(),
  refreshExpiresAt: z.string(),
})
export type Tokens = z.infer<typeof tokensSchema>

/** The signed-in user's public fields, as every sign-in answers them. */
export const signedInUserSchema = z.object({
  id: z.string(),
  role: roleSchema,
  teamId: z.string().nullable(),
  displayName: z.string(),
  email: z.string(),
  /** Signed in with a temporary password: nothing else opens until it is changed. */
  mustChangePassword: z.literal(true).optional(),
})
export type SignedInUser = z.infer<typeof signedInUserSchema>
export const signedInSchema = tokensSchema.extend({ user: signedInUserSchema })
export type SignedIn = z.infer<typeof signedInSchema>

export const login = defineEndpoint({
  method: 'POST',
  path: '/api/auth/login',
  body: z.object({
    email: z.string().max(200).transform(normalizeEmail),
    password: z.string().min(1).max(200),
  }),
  response: signedInSchema,
})

/** Changing one's own password ends every other session. */
export const changePassword = defineEndpoint({
  method: 'POST',
  path: '/api/auth/password',
  body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema }),
  response: signedInSchema,
})

/** An invitation link: the invited user chooses a password and is signed in. */
export const acceptInvite = defineEndpoint({
  method: 'POST',
  path: '/api/auth/invite',
  body: z.object({ token: z.string().min(10).max(200), password: passwordSchema }),
  response: signedInSchema,
})

export const refreshSession = defineEndpoint({
  method: 'POST',
  path: '/api/auth/refresh',
  body: z.object({ refreshToken: z.string().min(10).max(200) }),
  response: tokensSchema,
})

export const logout = defineEndpoint({ method: 'POST', path: '/api/auth/logout', response: okSchema })

export const me = defineEndpoint({
  method: 'GET',
  path: '/api/me',
  response: signedInUserSchema.omit({ mustChangePassword: true }),
})
