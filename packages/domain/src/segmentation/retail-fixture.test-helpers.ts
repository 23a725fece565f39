// Test-only loader for the Online Retail fixture (Node file access is fine in tests, not in the module).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { normalizeCustomerId } from './customer-id.ts'
import type { PurchaseLine } from './purchase-table.ts'

const dir = fileURLToPath(new URL('./fixtures/retail/', import.meta.url))

/** Splits one CSV record, honouring double quotes (the descriptions contain commas). */
function splitCsvLine(line: string): string[] {
  const out: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      out.push(field)
      field = ''
    } else field += ch
  }
  out.push(field)
  return out
}

export function retailLines(): PurchaseLine[] {
  const text = readFileSync(`${dir}online-retail-sample.csv`, 'utf8')
  const rows = text.split('\n').filter((l) => l.length > 0)
  const header = splitCsvLine(rows[0] ?? '')
  const col = (name: string): number => header.indexOf(name)
  const [inv, qty, date, price, cust] = [
    'InvoiceNo',
    'Quantity',
    'InvoiceDate',
    'UnitPrice',
    'CustomerID',
  ].map(col)
  return rows.slice(1).map((row) => {
    const f = splitCsvLine(row)
    const c = normalizeCustomerId(f[cust as number] ?? '')
    return {
      customerId: c === '' ? null : c,
      orderId: f[inv as number] ?? '',
      date: f[date as number] ?? '',
      quantity: Number(f[qty as number]),
      price: Number(f[price as number]),
    }
  })
}

export interface ReferenceRow {
  customerId: string
  recencyDays: number
  frequency: number
  monetary: number
  r: number
  f: number
  m: number
}

export function rfmReference(): ReferenceRow[] {
  const text = readFileSync(`${dir}rfm-reference.csv`, 'utf8')
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => {
      const [customerId, recencyDays, frequency, monetary, r, f, m] = l.split(',')
      return {
        customerId: customerId ?? '',
        recencyDays: Number(recencyDays),
        frequency: Number(frequency),
        monetary: Number(monetary),
        r: Number(r),
        f: Number(f),
        m: Number(m),
      }
    })
}

export function kmeansReference(): Record<string, number> {
  const json = JSON.parse(readFileSync(`${dir}kmeans-reference.json`, 'utf8')) as {
    inertia: Record<string, number>
  }
  return json.inertia
}
