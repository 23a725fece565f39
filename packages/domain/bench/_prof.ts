import { computeKpis } from '/work/main/packages/domain/src/analytics/index.ts'
import { defaultServicePolicy, segmentCustomers, buildPurchaseTableFromOrders, scoreRfm, kMeans, rfmFeatures } from '/work/main/packages/domain/src/segmentation/index.ts'
import { seededRandom } from '/work/main/packages/domain/src/segmentation/seeded-random.ts'
const CUSTOMERS = 10_000
const ORDERS = 200_000
const VISITS = 40_000
const FEEDBACK = 5_000
const AS_OF = '2026-06-30'
const DAYS = 730
const RUNS = 7
const WARMUP = 3


function isoDay(dayOffset: number, minute: number): string {
  const d = new Date(Date.UTC(2026, 5, 30) - dayOffset * 86_400_000 + minute * 60_000)
  return d.toISOString()
}

/** Customers with skewed activity (a few buy a lot), orders of 1–3 lines spread over two years. */
function makeData(seed: number) {
  const random = seededRandom(seed)
  const customers: any[] = []
  const weight = new Float64Array(CUSTOMERS)
  let total = 0
  for (let i = 0; i < CUSTOMERS; i++) {
    customers.push({ id: `c${i}`, ownerRepId: `rep${i % 50}`, teamId: `team${i % 5}` })
    weight[i] = random() ** 3
    total += weight[i] as number
  }
  const cumulative = new Float64Array(CUSTOMERS)
  let acc = 0
  for (let i = 0; i < CUSTOMERS; i++) {
    acc += (weight[i] as number) / total
    cumulative[i] = acc
  }
  const pick = (): number => {
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
  const orders: any[] = []
  for (let o = 0; o < ORDERS; o++) {
    const id = `o${o}`
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
    orders.push({
      id,
      revisionOf: id,
      revision: 1,
      customerId: `c${pick()}`,
      orderedAt: isoDay(Math.floor(random() * random() * DAYS), Math.floor(random() * 600)),
      status: random() < 0.02 ? 'cancelled' : 'placed',
      lines,
    })
  }
  const visits: any[] = []
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
  const feedback: any[] = []
  for (let f = 0; f < FEEDBACK; f++) {
    const id = `f${f}`
    const complaint = random() < 0.2
    feedback.push({
      revisionOf: id,
      revision: 1,
      customerId: `c${Math.floor(random() * CUSTOMERS)}`,
      visitId: null,
      at: isoDay(Math.floor(random() * 365), 600),
      score: 1 + Math.floor(random() * 5),
      recommend: Math.floor(random() * 11),
      complaint: complaint
        ? { category: 'delivery', status: random() < 0.5 ? 'open' : 'resolved', resolution: null, resolvedAt: null }
        : null,
    })
  }
  return { customers, orders, visits, feedback }
}

const data = makeData(42)
const t = (name: string, f: () => unknown) => { let r; for (let i=0;i<3;i++) r=f(); let w=0, cpu=0; for (let i=0;i<5;i++) { r = undefined; (globalThis as any).gc?.(); const c0 = process.cpuUsage(); const t0 = performance.now(); r = f(); w += performance.now()-t0; const c=process.cpuUsage(c0); cpu += c.user+c.system } console.log(name, "wall", (w/5).toFixed(1), "cpu", (cpu/5000).toFixed(1)); return r }
const table = t('table', () => buildPurchaseTableFromOrders(data.orders, 20634, data.customers.map((c:any)=>c.id))) as any
t('rfm', () => scoreRfm(table))
t('seg no clusters no visits', () => segmentCustomers({ customers: data.customers, orders: data.orders }, defaultServicePolicy, AS_OF))
t('seg no clusters', () => segmentCustomers({ customers: data.customers, orders: data.orders, visits: data.visits, feedback: data.feedback }, defaultServicePolicy, AS_OF))
t('seg', () => segmentCustomers({ customers: data.customers, orders: data.orders, visits: data.visits, feedback: data.feedback }, defaultServicePolicy, AS_OF, { clusters: { k: 5, seed: 1, restarts: 3 } }))
t('kpis', () => computeKpis({ customers: data.customers, orders: data.orders, visits: data.visits, feedback: data.feedback, period: { from: '2026-06-01', to: '2026-06-30' }, asOf: AS_OF }))
t('seg no clusters no visits no customers', () => segmentCustomers({ orders: data.orders }, defaultServicePolicy, AS_OF))
t('kmeans', () => kMeans(rfmFeatures(new Float64Array(10000).map((_, i) => i % 97), new Float64Array(10000).map((_, i) => i % 13), new Float64Array(10000).map((_, i) => i * 1.7 % 1000)), 3, { k: 5, seed: 1, restarts: 3 }))
