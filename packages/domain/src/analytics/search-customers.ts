import type { Customer } from '../model/index.ts'
import { normalizePhone, phoneQueryDigits } from './normalize-phone.ts'

// Works from the keys stored on each customer (see `searchKeysFor`), so it never loads pinyin-pro.

export type SearchableCustomer = Pick<Customer, 'name' | 'searchKeys' | 'address'> &
  Partial<Pick<Customer, 'phone'>>

const NOT_WORD = /[^\p{L}\p{N}]+/gu
const PHONE_QUERY = /^[\d\s+\-().]+$/
/** Separates keys in one haystack string so a query never matches across two keys. */
const SEP = '\u0001'

/** Text as search compares it: width folded, lower case, spaces and punctuation gone. */
export function searchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOT_WORD, '')
}

interface Entry<T> {
  customer: T
  /** Name and search keys, each folded, joined by SEP and framed by SEP on both ends. */
  names: string
  address: string
  phone: string
}

export interface SearchIndex<T extends SearchableCustomer> {
  entries: Entry<T>[]
}

function entryOf<T extends SearchableCustomer>(customer: T): Entry<T> {
  const keys = [customer.name, ...customer.searchKeys].map(searchText).filter((k) => k !== '')
  return {
    customer,
    names: `${SEP}${keys.join(SEP)}${SEP}`,
    address: searchText(customer.address),
    phone: normalizePhone(customer.phone) ?? '',
  }
}

/** How well an entry matches: 0 exact name or key, 1 prefix of one, 2 inside one, 3 phone, 4 address; -1 none. */
function rank(e: Entry<SearchableCustomer>, text: string, digits: string): number {
  if (text === '') return 4
  if (e.names.includes(`${SEP}${text}${SEP}`)) return 0
  if (e.names.includes(`${SEP}${text}`)) return 1
  if (e.names.includes(text)) return 2
  if (digits.length >= 3 && e.phone.includes(digits)) return 3
  if (e.address.includes(text)) return 4
  return -1
}

function parseQuery(query: string): { text: string; digits: string } {
  const text = searchText(query)
  return { text, digits: PHONE_QUERY.test(query.trim()) ? phoneQueryDigits(query) : '' }
}

/**
 * Whether a customer matches what the user typed: name, stored pinyin and initials (`zhangsan`, `zs`),
 * phone digits (ignoring +86 and separators) or address; case, width and spacing ignored.
 */
export function matchesSearch(customer: SearchableCustomer, query: string): boolean {
  const { text, digits } = parseQuery(query)
  return rank(entryOf(customer), text, digits) >= 0
}

/** Folds every customer's keys once, so each keystroke is a plain scan of short strings. */
export function buildSearchIndex<T extends SearchableCustomer>(customers: readonly T[]): SearchIndex<T> {
  return { entries: customers.map(entryOf) }
}

/** Customers matching the query, best first (exact name, prefix, inside the name, phone, address). */
export function search<T extends SearchableCustomer>(index: SearchIndex<T>, query: string, limit = 50): T[] {
  const { text, digits } = parseQuery(query)
  const hits: { entry: Entry<T>; rank: number }[] = []
  for (const entry of index.entries) {
    const r = rank(entry, text, digits)
    if (r >= 0) hits.push({ entry, rank: r })
  }
  hits.sort((a, b) => a.rank - b.rank || a.entry.customer.name.length - b.entry.customer.name.length)
  return hits.slice(0, limit).map((h) => h.entry.customer)
}
