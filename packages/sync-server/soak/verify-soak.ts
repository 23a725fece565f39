import { sameContent, stableStringify } from '@outrider/domain'
import type pg from 'pg'
import { tables } from '../src/sync/tables.ts'
import type { Ledger, LedgerEntry, Writable } from './ledger.ts'
import { writable } from './ledger.ts'
import type { Doc, SimDevice } from './sim-device.ts'

const valueKey = (v: unknown) => (v === undefined ? '' : stableStringify(v))

type Row = { id: string; owner_rep_id: string | null; team_id: string | null; doc: Doc }

export type Verdict = {
  /** Committed changes found nowhere: not on the server, not held as a legitimate refusal on the device. */
  lost: number
  /**
   * Committed changes not on the server but still in their device's outbox (never acknowledged): not
   * lost, the phone still holds them and sends them once it reaches a server. Only a run whose healing
   * gave up has any.
   */
  unsent: number
  /** Append-only records stored more than once (same original, same revision). */
  duplicated: number
  /** Soft-deleted records that came back. */
  resurrected: number
  /** Changes the server refused because the customer had moved to another rep; kept on the device. */
  rejected: number
  /** Devices whose store differs from the server's view of their scope. */
  diverged: number
  problems: string[]
}

async function load(pool: Pick<pg.Pool, 'query'>): Promise<Map<Writable, Map<string, Row>>> {
  const out = new Map<Writable, Map<string, Row>>()
  for (const c of writable) {
    const { rows } = await pool.query<Row>(`SELECT id, owner_rep_id, team_id, doc FROM ${tables[c].table}`)
    out.set(c, new Map(rows.map((r) => [r.id, r])))
  }
  return out
}

/** Whether a change reached the server: its edit is there or a later one replaced it. */
function present(e: LedgerEntry, row: Row | undefined): 'ok' | 'missing' | 'resurrected' {
  if (!row) return 'missing'
  if (e.kind === 'create' || e.kind === 'append') return 'ok'
  const field = e.kind === 'delete' ? 'deleted' : e.field
  const clock = (row.doc.clocks as Record<string, string> | undefined)?.[field] ?? ''
  if (clock < e.stamp) return 'missing'
  if (e.kind === 'delete') return row.doc.deleted === true ? 'ok' : 'resurrected'
  if (clock === e.stamp && valueKey(row.doc[field]) !== valueKey(e.value)) return 'missing'
  return 'ok'
}

/**
 * The end state after healing: every committed change is on the server exactly once (or held on the
 * device because the customer moved away), and every device holds exactly the server's view of its scope.
 */
export async function verifySoak(
  pool: Pick<pg.Pool, 'query'>,
  ledger: Ledger,
  devices: SimDevice[],
): Promise<Verdict> {
  const server = await load(pool)
  const v: Verdict = {
    lost: 0,
    unsent: 0,
    duplicated: 0,
    resurrected: 0,
    rejected: 0,
    diverged: 0,
    problems: [],
  }
  const note = (s: string) => {
    if (v.problems.length < 30) v.problems.push(s)
  }
  const byDevice = new Map(devices.map((d) => [d.id.deviceId, d]))
  for (const e of ledger.entries) {
    const row = server.get(e.collection)!.get(e.id)
    const state = present(e, row)
    if (state === 'ok') continue
    if (state === 'resurrected') {
      v.resurrected++
      note(`resurrected ${e.collection}/${e.id} (deleted by ${e.deviceId})`)
      continue
    }
    const device = byDevice.get(e.deviceId)
    const held = device?.rejections.find((r) => r.collection === e.collection && r.docId === e.id)
    if (held && held.code === 'E_FORBIDDEN' && (await movedAway(pool, e, held.doc))) {
      v.rejected++
      continue
    }
    if (device?.hasPending(e.collection, e.id)) {
      v.unsent++
      if (v.unsent === 1) note(`unsent ${JSON.stringify(e)} (still in the device's outbox)`)
      continue
    }
    v.lost++
    note(
      `lost ${JSON.stringify(e)}${held ? ` (held: ${held.code} ${held.reason})` : ''} server=${JSON.stringify(row?.doc ?? null).slice(0, 300)}`,
    )
  }
  for (const c of ['visits', 'orders', 'feedback'] as const) {
    const seen = new Map<string, number>()
    for (const r of server.get(c)!.values()) {
      const key = `${String(r.doc.revisionOf)}@${String(r.doc.revision)}`
      seen.set(key, (seen.get(key) ?? 0) + 1)
    }
    for (const [key, n] of seen)
      if (n > 1) {
        v.duplicated += n - 1
        note(`duplicated ${c} ${key} ×${n}`)
      }
  }
  for (const d of devices) {
    const mismatches = compareScope(d, server)
    if (mismatches.length > 0) {
      v.diverged++
      for (const m of mismatches.slice(0, 3)) note(`${d.id.deviceId}: ${m}`)
    }
  }
  return v
}

/** A refusal is legitimate only when the device's user no longer owns the customer the record hangs off. */
async function movedAway(pool: Pick<pg.Pool, 'query'>, e: LedgerEntry, doc: Doc): Promise<boolean> {
  const customerId =
    e.collection === 'customers' ? e.id : typeof doc.customerId === 'string' ? doc.customerId : null
  if (!customerId) return false
  const { rows } = await pool.query<{ owner_rep_id: string | null }>(
    'SELECT owner_rep_id FROM customers WHERE id = $1',
    [customerId],
  )
  return rows[0] !== undefined && rows[0].owner_rep_id !== e.userId
}

function compareScope(d: SimDevice, server: Map<Writable, Map<string, Row>>): string[] {
  const out: string[] = []
  for (const c of writable) {
    const mine = [...server.get(c)!.values()].filter((r) =>
      d.id.role === 'rep' ? r.owner_rep_id === d.id.userId : r.team_id === d.id.teamId,
    )
    const local = d.docs(c)
    const expected = new Set(mine.map((r) => r.id))
    for (const r of mine) {
      const l = local.get(r.id)
      if (!l) out.push(`missing ${c}/${r.id}`)
      else if (!sameContent(l, r.doc))
        out.push(
          `differs ${c}/${r.id}: device ${JSON.stringify(l).slice(0, 200)} server ${JSON.stringify(r.doc).slice(0, 200)}`,
        )
    }
    for (const id of local.keys()) if (!expected.has(id)) out.push(`extra ${c}/${id}`)
  }
  return out
}
