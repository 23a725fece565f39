// `pnpm bench:segmentation`: the full customer pass (RFM, segments, tiers, lifecycle, tags, scores,
// k-means k=5, KPIs) on seeded synthetic data, against a one-pass typed-array baseline measured in the
// same run. Last stdout line is JSON.
import { computeKpis } from '../src/analytics/index.ts'
import type { Customer, Feedback, Order, Visit } from '../src/model/index.ts'
import { createRng } from '../src/random/seeded-random.ts'
import { classifyCustomers, defaultServicePolicy } from '../src/segmentation/index.ts'

const CUSTOMERS = 10_000
const ORDERS = 200_000
const VISITS = 40_000
const FEEDBACK = 5_000
const AS_OF = '2026-06-30'
const DAYS = 730
const RUNS = 7
const WARMUP = 3

type BenchCustomer = Pick<Customer, 'id' | 'ownerRepId' | 'teamId'>
type BenchOrder = Pick<
  Order,
  'id' | 'revisionOf' | 'revision' | 'customerId' | 'orderedAt' | 'status' | 'lines'
>
type BenchVisit = Pick<
  Visit,
  'id' | 'revisionOf' | 'revision' | 'customerId' | 'checkInAt' | 'satisfaction' | 'complaint'
>
type BenchFeedback = Pick<
  Feedback,
  'revisionOf' | 'revision' | 'customerId' | 'visitId' | 'at' | 'score' | 'recommend' | 'complaint'
>

function isoDay(dayOffset: number, minute: number): string {
  const d = new Date(Date.UTC(2026, 5, 30) - dayOffset * 86_400_000 + minute * 60_000)
  return d.toISOString()
}

/** Customers with skewed activity (a few buy a lot), orders of 1–3 lines spread over two years. */
function makeData(seed: number) {
  const random = createRng(seed).next
  const customers: BenchCustomer[] = []
  for (let i = 0; i < CUSTOMERS; i++)
    customers.push({ id: `c${i}`, ownerRepId: `rep${i % 50}`, teamId: `team${i % 5}` })
  const pick = skewedPicker(random)
  const orders = Array.from({ length: ORDERS }, (_, o) => benchOrder(random, `o${o}`, pick))
  const visits: BenchVisit[] = []
  for (let v = 0; v < VISITS; v++) {
    const id = `v${v}`
    visits.push({
      id,
      revisionOf: id,
      revision: 1,
      customerId: `c${pick()}`,
      checkInAt: isoDay(Math.floor(random() * DAYS), 480),
      satisfaction: random() < 0.3 ? 1 + Math.floor(random() * 5) : null,
      complaint: null,
    })
  }
  const feedback = Array.from({ length: FEEDBACK }, (_, f) => benchFeedback(random, `f${f}`))
  return { customers, orders, visits, feedback }
}

/** Picks a customer index by a cubed-uniform weight each, so a few customers are picked often. */
function skewedPicker(random: () => number): () => number {
  const weight = new Float64Array(CUSTOMERS)
  let total = 0
  for (let i = 0; i < CUSTOMERS; i++) {
    weight[i] = random() ** 3
    total += weight[i] as number
  }
  const cumulative = new Float64Array(CUSTOMERS)
  let acc = 0
  for (let i = 0; i < CUSTOMERS; i++) {
    acc += (weight[i] as number) / total
    cumulative[i] = acc
  }
  return () => {
    const r = random()
    let lo = 0
    let hi = CUSTOMERS - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) < r) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

function benchOrder(random: () => number, id: string, pick: () => number): BenchOrder {
  const lines = []
  const count = 1 + Math.floor(random() * 3)
  for (let l = 0; l < count; l++) {
    lines.push({
      productId: `p${Math.floor(random() * 500)}`,
      name: 'item',
      quantity: 1 + Math.floor(random() * 12),
      unitPrice: Math.round((1 + random() * 60) * 100) / 100,
    })
  }
  return {
    id,
    revisionOf: id,
    revision: 1,
    customerId: `c${pick()}`,
    orderedAt: isoDay(Math.floor(random() * random() * DAYS), Math.floor(random() * 600)),
    status: random() < 0.02 ? 'cancelled' : 'placed',
    lines,
  }
}

function benchFeedback(random: () => number, id: string): BenchFeedback {
  const complaint = random() < 0.2
  return {
    revisionOf: id,
    revision: 1,
    customerId: `c${Math.floor(random() * CUSTOMERS)}`,
    visitId: null,
    at: isoDay(Math.floor(random() * 365), 600),
    score: 1 + Math.floor(random() * 5),
    recommend: Math.floor(random() * 11),
    complaint: complaint
      ? {
          category: 'delivery',
          status: random() < 0.5 ? 'open' : 'resolved',
          resolution: null,
          resolvedAt: null,
        }
      : null,
  }
}

const data = makeData(42)

function fullPass(): number {
  const seg = classifyCustomers(
    { customers: data.customers, orders: data.orders, visits: data.visits, feedback: data.feedback },
    defaultServicePolicy,
    AS_OF,
    { clusters: { k: 5, seed: 1, restarts: 3 } },
  )
  if (!seg.ok) throw new Error(seg.error.message)
  const tierOf = new Map(seg.value.profiles.map((p) => [p.customerId, p.tier]))
  const kpis = computeKpis({
    customers: data.customers,
    orders: data.orders,
    visits: data.visits,
    feedback: data.feedback,
    period: { from: '2026-06-01', to: '2026-06-30' },
    asOf: AS_OF,
    groupBy: 'tier',
    tierOf: (id) => tierOf.get(id),
  })
  if (!kpis.ok) throw new Error(kpis.error.message)
  return seg.value.profiles.length
}

/** The floor any per-customer analysis pays: one pass over the orders, summing each into a typed array. */
function baseline(): number {
  const index = new Map<string, number>()
  for (let i = 0; i < data.customers.length; i++) index.set((data.customers[i] as BenchCustomer).id, i)
  const sums = new Float64Array(data.customers.length)
  for (const o of data.orders) {
    const c = index.get(o.customerId)
    if (c === undefined) continue
    let t = 0
    for (const l of o.lines) t += l.quantity * l.unitPrice
    sums[c] = (sums[c] as number) + t
  }
  return sums.length
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** Median wall time, plus median CPU time (all threads, so GC helpers count) to read on a busy machine. */
function time(f: () => number): { wall: number; cpu: number } {
  for (let i = 0; i < WARMUP; i++) f()
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    f()
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  return { wall: median(wall), cpu: median(cpu) }
}

const base = time(baseline)
const pass = time(fullPass)
const baselineMs = base.wall
const ms = pass.wall
// Explanations are built when a profile's `explanations` is first read; show what reading them all costs.
const report = classifyCustomers(
  { customers: data.customers, orders: data.orders, visits: data.visits, feedback: data.feedback },
  defaultServicePolicy,
  AS_OF,
)
const t0 = performance.now()
let facts = 0
if (report.ok)
  for (const p of report.value.profiles) facts += p.explanations.tags.length + p.explanations.segment.length
const explainMs = performance.now() - t0
const lines = data.orders.reduce((s, o) => s + o.lines.length, 0)
console.log(
  `segmentation: ${CUSTOMERS} customers, ${ORDERS} orders (${lines} lines), ${VISITS} visits, ${FEEDBACK} feedback`,
)
console.log(`full pass median ${ms.toFixed(1)} ms over ${RUNS} runs; baseline ${baselineMs.toFixed(1)} ms`)
console.log(`CPU time (all threads): full pass ${pass.cpu.toFixed(1)} ms, baseline ${base.cpu.toFixed(1)} ms`)
console.log(
  `reading every profile's explanations afterwards (not in the pass): ${explainMs.toFixed(1)} ms, ${facts} facts`,
)
console.log(
  JSON.stringify({
    bench: 'segmentation',
    customers: CUSTOMERS,
    orders: ORDERS,
    ms: Math.round(ms * 10) / 10,
    baselineMs: Math.round(baselineMs * 10) / 10,
  }),
)
