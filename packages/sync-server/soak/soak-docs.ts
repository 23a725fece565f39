import { customerDoc, visitDoc } from '../src/testing/fixtures.ts'

/** Document builders for the soak: every one passes its domain schema (the server validates each push). */
type Doc = Record<string, unknown> & { id: string }

const T0 = '2026-01-01T00:00:00.000Z'

export function newCustomer(id: string, at: string, stamp: string, name: string): Doc {
  const doc = customerDoc(id, 'x', 'x', { name, status: 'prospect', createdAt: at, updatedAt: at }) as Doc
  // A device creates the record with every field it sets stamped by its own clock (see `createMergeable`).
  const skip = new Set(['id', 'clocks', 'createdAt', 'updatedAt', 'ownerRepId', 'teamId'])
  doc.clocks = Object.fromEntries(
    Object.keys(doc)
      .filter((k) => !skip.has(k))
      .map((k) => [k, stamp]),
  )
  return { ...doc, ownerRepId: null, teamId: null }
}

export function contactDoc(
  id: string,
  customerId: string,
  at = T0,
  clocks: Record<string, string> = {},
): Doc {
  return {
    id,
    createdAt: at,
    updatedAt: at,
    clocks,
    customerId,
    name: `联系人 ${id}`,
    phone: '13900000000',
    primary: false,
  }
}

export function taskDoc(
  id: string,
  customerId: string | null,
  assigneeId: string,
  at = T0,
  clocks: Record<string, string> = {},
): Doc {
  return {
    id,
    createdAt: at,
    updatedAt: at,
    clocks,
    customerId,
    assigneeId,
    kind: 'follow_up',
    title: `回访 ${id}`,
    notes: '',
    due: '2026-01-20',
    status: 'open',
    doneAt: null,
    sourceVisitId: null,
  }
}

export function dayPlanDoc(
  id: string,
  repId: string,
  date: string,
  at = T0,
  clocks: Record<string, string> = {},
): Doc {
  return {
    id,
    createdAt: at,
    updatedAt: at,
    clocks,
    repId,
    date,
    stops: [],
    startedAt: null,
    finishedAt: null,
  }
}

export function appendDoc(
  collection: 'visits' | 'orders' | 'feedback',
  id: string,
  customerId: string,
  at: string,
  note: string,
  revision: { of: string; n: number } = { of: id, n: 1 },
): Doc {
  const base = {
    id,
    createdAt: at,
    updatedAt: at,
    revisionOf: revision.of,
    revision: revision.n,
    customerId,
    ...(revision.n > 1 ? { reason: '更正' } : {}),
  }
  if (collection === 'visits') return { ...(visitDoc(id, customerId) as Doc), ...base, notes: note }
  if (collection === 'orders')
    return {
      ...base,
      visitId: null,
      orderedAt: at,
      status: 'placed',
      lines: [{ productId: 'p-1', name: note.slice(0, 200), quantity: revision.n, unitPrice: 12.5 }],
    }
  return { ...base, visitId: null, at, score: 4, recommend: 8, comment: note, complaint: null }
}

export { customerDoc, visitDoc }
