import { userSchema } from '../../model/user.ts'
import { defineCollection } from '../collection-definition.ts'

/**
 * What devices see of a user: an explicit allow-list, so a secret later added to the user row (a password
 * hash, a reset token) cannot leak through sync by default. Parsing strips every other key.
 */
export const publicUserSchema = userSchema.pick({
  id: true,
  createdAt: true,
  updatedAt: true,
  serverUpdatedAt: true,
  email: true,
  displayName: true,
  role: true,
  teamId: true,
  phone: true,
  disabled: true,
  home: true,
  workStart: true,
  workEnd: true,
  locale: true,
})

export const users = defineCollection({
  schema: publicUserSchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'teamMembers' },
  table: 'users',
  columns: [
    // Written by the sign-in and user-management code, never from a pulled document.
    { name: 'email', type: 'text' },
    { name: 'password_hash', type: 'text' },
    { name: 'role', type: 'text' },
    { name: 'team_id', type: 'text' },
    { name: 'disabled', type: 'boolean' },
    { name: 'password_changed_at', type: 'timestamptz' },
    { name: 'must_change_password', type: 'boolean' },
  ],
  // Sign-in keeps these in columns; a device's copy is built from them and the allow-listed `doc` fields.
  projection: { email: 'email', role: 'role', teamId: 'team_id', disabled: 'disabled' },
})
