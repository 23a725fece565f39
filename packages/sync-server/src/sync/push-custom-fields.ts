import {
  type CustomField,
  changedCustomFieldKeys,
  checkCustomFieldValues,
  describeCustomFieldIssue,
} from '@outrider/domain'
import type pg from 'pg'
import { listCustomFields } from '../repositories/custom-fields-repo.ts'
import type { Incoming } from './push-batch.ts'

type Doc = Record<string, unknown>
type Refusal = { message: string; details: { docId: string; field: string; reason: string }[] }

const mapOf = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined

/**
 * Checks the custom field values a customers push changes against the admin's definitions: a key no
 * definition names, or a value of the wrong type, refuses the batch. Values the push leaves as stored
 * are not checked (records may hold older values or columns an import kept). The definitions are read
 * only when some value changed, so pushes that touch none cost no extra round trip.
 */
export async function customFieldRefusal(
  client: pg.PoolClient,
  incoming: Incoming,
  stored: ReadonlyMap<string, { doc: Doc }>,
): Promise<Refusal | null> {
  const changed = incoming
    .map(({ doc }) => {
      const id = String(doc.id)
      const values = mapOf(doc.customFields) ?? {}
      return { id, values, keys: changedCustomFieldKeys(mapOf(stored.get(id)?.doc.customFields), values) }
    })
    .filter((c) => c.keys.length > 0)
  if (changed.length === 0) return null
  const definitions = await listCustomFields(client)
  const byKey = new Map<string, CustomField>(definitions.map((d) => [d.key, d]))
  const details = changed.flatMap(({ id, values, keys }) =>
    checkCustomFieldValues(values, definitions, { changed: keys }).map((issue) => ({
      docId: id,
      field: `customFields.${issue.key}`,
      reason: describeCustomFieldIssue(issue, byKey.get(issue.key)),
    })),
  )
  if (details.length === 0) return null
  return { message: `invalid custom field value: ${details[0]!.reason}`, details: details.slice(0, 20) }
}
