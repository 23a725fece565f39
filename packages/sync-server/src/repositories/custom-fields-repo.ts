import { createHash } from 'node:crypto'
import { type CustomField, type CustomFieldInput, customFieldSchema } from '@outrider/domain'
import type pg from 'pg'
import { type Actor, writeAudit } from '../people/audit-log.ts'
import { PeopleError } from '../people/people-error.ts'
import { documentsRepo } from './documents-repo.ts'
import type { Queryable } from './queryable.ts'

/** A field's id from its key, which never changes: the same key always names the same field. */
export const customFieldIdFor = (key: string) =>
  `cf-${createHash('sha256').update(key).digest('hex').slice(0, 20)}`

/** Every custom field definition, active or not, in the order they were made. */
export async function listCustomFields(db: Queryable): Promise<CustomField[]> {
  const { rows } = await db.query<{ doc: CustomField }>(
    "SELECT doc FROM custom_field_definitions ORDER BY doc->>'createdAt', id",
  )
  return rows.map((r) => r.doc)
}

/**
 * Creates (id null) or changes a custom field and records it in the audit log. A key names one
 * field, and a field keeps its key: the values stored on customers are found by it.
 */
export async function saveCustomField(
  client: pg.PoolClient,
  actor: Actor,
  id: string | null,
  input: CustomFieldInput,
  nowMs = Date.now(),
): Promise<CustomField> {
  const before = id
    ? (
        await client.query<{ doc: CustomField }>(
          'SELECT doc FROM custom_field_definitions WHERE id = $1 FOR UPDATE',
          [id],
        )
      ).rows[0]?.doc
    : undefined
  if (id && !before) throw new PeopleError(404, 'E_NOT_FOUND', `no custom field ${id}`)
  if (before && before.key !== input.key)
    throw new PeopleError(409, 'E_CONFLICT', `a custom field keeps its key (${before.key})`)
  const newId = id ?? customFieldIdFor(input.key)
  if (!id) {
    const taken = await client.query('SELECT 1 FROM custom_field_definitions WHERE id = $1', [newId])
    if (taken.rowCount) throw new PeopleError(409, 'E_CONFLICT', `custom field ${input.key} exists`)
  }
  const now = new Date(nowMs).toISOString()
  const parsed = customFieldSchema.safeParse({
    ...input,
    options: input.type === 'choice' ? [...new Set(input.options)] : [],
    id: newId,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    serverUpdatedAt: now,
  })
  if (!parsed.success)
    throw new PeopleError(422, 'E_VALIDATION', parsed.error.issues[0]?.message ?? 'invalid custom field')
  await documentsRepo.upsert(client, 'customFieldDefinitions', parsed.data)
  await writeAudit(client, actor, {
    action: id ? 'customField.update' : 'customField.create',
    targetType: 'customField',
    targetId: newId,
    teamId: null,
    ...(before ? { before } : {}),
    after: parsed.data,
  })
  return parsed.data
}
