import {
  type ColumnMapping,
  type Contact,
  type Customer,
  type CustomField,
  type CustomFieldProblem,
  type CustomFieldValue,
  customerRoles,
  customerSchema,
  type DuplicateCandidate,
  type OpeningHours,
  parseCustomFieldInput,
  searchKeysFor,
} from '@outrider/domain'
import { columnReader } from './column-mapping.ts'
import type { CsvTable } from './csv-table.ts'
import { type ImportActor, type ImportError, lineError } from './import-report.ts'
import { checkedPhone } from './phone-check.ts'

/** A rep an `owner` cell may name, by id or (lower-cased) email. */
export type RepRef = { id: string; teamId: string | null }

export type CustomerRow = {
  line: number
  customer: Customer
  contact: Contact | null
}

export type CustomerRowsInput = {
  table: CsvTable
  columns: ColumnMapping
  reps: ReadonlyMap<string, RepRef>
  actor: ImportActor
  now: string
  stamp: string
  newId: (prefix: string) => string
  /** The custom fields an admin defined: a column mapped to one is read by its type. */
  customFields?: readonly CustomField[]
}

export type CustomerRowsResult = {
  /** Lines that make valid customers. */
  rows: CustomerRow[]
  errors: ImportError[]
  /** Every line with a name, valid or not, for duplicate detection; `key` is equal for identical lines. */
  candidates: { line: number; candidate: DuplicateCandidate; key: string }[]
}

const WEEKDAY = [{ open: 540, close: 1080 }]
/** Imported shops get Monday–Saturday 9:00–18:00 until a rep records their real hours. */
export const defaultOpeningHours: OpeningHours = [[], WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY, WEEKDAY]

const TAG_SEPARATORS = /[,;，；、|]/
const known = new Set<string>(customerRoles)

/** Turns the lines of a customer file into customer documents, collecting every problem per line. */
export function readCustomerRows(input: CustomerRowsInput): CustomerRowsResult {
  const { table, columns, reps, actor, now, stamp, newId } = input
  const defined = new Map((input.customFields ?? []).map((f) => [f.key, f]))
  const cell = columnReader(table.header, columns)
  const errors: ImportError[] = table.malformed.map((m) => lineError(m.line, 'row', m.reason, m.zh))
  const rows: CustomerRow[] = []
  const candidates: CustomerRowsResult['candidates'] = []
  const custom = Object.keys(columns).filter((r) => !known.has(r))
  const mapped = Object.keys(columns).sort()

  for (const { line, cells } of table.rows) {
    const get = (role: string) => cell(cells, role)
    const problems: ImportError[] = []
    const bad = (field: string, reason: string, zh: string) =>
      problems.push(lineError(line, field, reason, zh))

    const name = get('name')
    if (name === '') bad('name', 'name is missing', '缺少客户名称')
    else if (name.length > 200) bad('name', 'name is longer than 200 characters', '客户名称超过 200 个字符')

    const rawPhone = get('phone')
    const phone = rawPhone === '' ? null : checkedPhone(rawPhone)
    if (rawPhone !== '' && phone === null)
      bad('phone', `"${rawPhone}" is not a valid phone number`, `“${rawPhone}”不是有效的电话号码`)

    const location = readLocation(get('lat'), get('lng'), bad)

    const rawTier = get('tier')
    const tier = rawTier === '' ? null : readTier(rawTier)
    if (rawTier !== '' && tier === null)
      bad('tier', `tier "${rawTier}" is not A, B or C`, `等级“${rawTier}”不是 A、B 或 C`)

    let owner: RepRef | null = null
    const ownerCell = get('owner')
    if (ownerCell !== '') {
      const rep = reps.get(ownerCell.toLowerCase()) ?? reps.get(ownerCell)
      if (!rep) bad('owner', `"${ownerCell}" is not an active rep`, `“${ownerCell}”不是在职的销售代表`)
      else if (actor.role === 'supervisor' && rep.teamId !== actor.teamId)
        bad('owner', `"${ownerCell}" is not in your team`, `“${ownerCell}”不在您的团队中`)
      else owner = rep
    }

    const customFields: Record<string, CustomFieldValue> = {}
    for (const role of custom) {
      const raw = get(role)
      const field = defined.get(role)
      if (!field) {
        // A kept column no definition names is stored as the text it is.
        if (raw !== '') customFields[role] = raw
        continue
      }
      const parsed = parseCustomFieldInput(field, raw)
      if (!parsed.ok) bad(role, ...customFieldRefusal(field, raw, parsed.problem))
      else if (parsed.value !== undefined) customFields[role] = parsed.value
      else if (field.required && field.active)
        bad(role, `${field.label.en} is required`, `缺少必填字段“${field.label.zh}”`)
    }

    if (name !== '')
      candidates.push({
        line,
        candidate: {
          id: `#line:${line}`,
          name,
          address: get('address'),
          city: get('city'),
          location: location ?? null,
          ...(phone === null ? {} : { phone }),
          ...(get('district') === '' ? {} : { district: get('district') }),
        },
        key: mapped
          .map((role) => get(role).normalize('NFKC').toLowerCase().replace(/\s+/g, ' '))
          .join('\u0000'),
      })
    if (problems.length > 0) {
      errors.push(...problems)
      continue
    }

    // The tier the source system gave; segmentation keeps it until the customer's orders decide.
    if (tier !== null) customFields.tier = tier
    const optional = (key: string, value: string) => (value === '' ? {} : { [key]: value })
    const doc: Record<string, unknown> = {
      id: newId('cus'),
      createdAt: now,
      updatedAt: now,
      name,
      searchKeys: searchKeysFor(name),
      status: 'customer',
      ...optional('phone', rawPhone),
      address: get('address'),
      city: get('city'),
      ...optional('district', get('district')),
      location: location ?? null,
      openingHours: defaultOpeningHours,
      ownerRepId: owner?.id ?? null,
      teamId: owner ? owner.teamId : actor.teamId,
      ...optional('industry', get('industry')),
      tags: [
        ...new Set(
          get('tags')
            .split(TAG_SEPARATORS)
            .map((t) => t.trim())
            .filter(Boolean),
        ),
      ],
      customFields,
      ...optional('notes', get('notes')),
      ...optional('birthday', get('birthday')),
    }
    const clocks: Record<string, string> = {}
    for (const key of Object.keys(doc))
      if (!['id', 'createdAt', 'updatedAt', 'ownerRepId', 'teamId'].includes(key)) clocks[key] = stamp
    const parsed = customerSchema.safeParse({ ...doc, clocks })
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) {
        const field = fieldOf(String(issue.path[0] ?? 'row'))
        errors.push(lineError(line, field, `${field}: ${issue.message}`, `${field} 字段无效`))
      }
      continue
    }
    const customer = parsed.data
    const contactName = get('contact')
    const contact: Contact | null =
      contactName === ''
        ? null
        : {
            id: newId('con'),
            createdAt: now,
            updatedAt: now,
            clocks: { name: stamp, phone: stamp, primary: stamp },
            customerId: customer.id,
            name: contactName.slice(0, 200),
            ...(rawPhone === '' ? {} : { phone: rawPhone }),
            primary: true,
          }
    rows.push({ line, customer, contact })
  }
  errors.sort((a, b) => a.line - b.line)
  return { rows, errors, candidates }
}

/** Why a cell does not fit its custom field, in English and Chinese, naming the field by its label. */
function customFieldRefusal(field: CustomField, raw: string, problem: CustomFieldProblem): [string, string] {
  const en = field.label.en
  const zh = field.label.zh
  switch (problem) {
    case 'number':
      return [`${en}: "${raw}" is not a number`, `${zh}：“${raw}”不是数字`]
    case 'date':
      return [`${en}: "${raw}" is not a date (YYYY-MM-DD)`, `${zh}：“${raw}”不是日期（年-月-日）`]
    case 'choice':
      return [
        `${en}: "${raw}" is not one of ${field.options.join(', ')}`,
        `${zh}：“${raw}”不是可选值（${field.options.join('、')}）之一`,
      ]
    default:
      return [`${en}: longer than 500 characters`, `${zh}：超过 500 个字符`]
  }
}

/** `A`, `a`, `Ａ`, `A类`, `A级`, `A类客户` → `A`; anything else → null. */
export function readTier(raw: string): 'A' | 'B' | 'C' | null {
  const t = raw
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/(类|級|级)?(客户|客戶)?$/, '')
  return t === 'A' || t === 'B' || t === 'C' ? t : null
}

/** Schema paths back to the file's roles. */
function fieldOf(path: string): string {
  if (path === 'location') return 'lat'
  if (path === 'customFields') return 'row'
  return path
}

function readLocation(
  rawLat: string,
  rawLng: string,
  bad: (field: string, reason: string, zh: string) => void,
): { lat: number; lng: number } | null | undefined {
  if (rawLat === '' && rawLng === '') return null
  const lat = Number(rawLat.normalize('NFKC'))
  const lng = Number(rawLng.normalize('NFKC'))
  let ok = true
  if (rawLat === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    bad(
      'lat',
      `latitude "${rawLat}" is not a number between -90 and 90`,
      `纬度“${rawLat}”无效（应在 -90 到 90 之间）`,
    )
    ok = false
  }
  if (rawLng === '' || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    bad(
      'lng',
      `longitude "${rawLng}" is not a number between -180 and 180`,
      `经度“${rawLng}”无效（应在 -180 到 180 之间）`,
    )
    ok = false
  }
  return ok ? { lat, lng } : undefined
}
