import { type CustomField, type ImportKind, importRoles } from '@outrider/domain'

/** The i18n key of a role's label (a product's `name` is not a customer's). */
export const roleLabel = (kind: ImportKind, role: string) =>
  kind === 'products' ? `import.productRoles.${role}` : `import.roles.${role}`

/** Header words per role, Chinese first (exports from Chinese CRMs and spreadsheets), then English. */
const synonyms: Record<ImportKind, Record<string, readonly string[]>> = {
  customers: {
    name: [
      '客户名称',
      '客户名',
      '名称',
      '店名',
      '门店名称',
      '门店',
      '公司名称',
      '商户名称',
      '客户',
      'customername',
      'name',
      'customer',
      'company',
    ],
    phone: [
      '手机号码',
      '手机号',
      '手机',
      '联系电话',
      '电话号码',
      '电话',
      'mobile',
      'phone',
      'tel',
      'telephone',
    ],
    address: ['详细地址', '门店地址', '地址', 'address', 'street'],
    city: ['所在城市', '城市', 'city'],
    lat: ['纬度', 'latitude', 'lat'],
    lng: ['经度', 'longitude', 'lng', 'lon', 'long'],
    owner: ['负责人', '业务员', '销售员', '客户经理', 'owner', 'rep', 'salesrep'],
    contact: ['联系人', '联系人姓名', 'contact', 'contactname'],
    tags: ['标签', 'tags', 'tag'],
    tier: ['客户等级', '等级', '级别', '客户分级', '分级', 'tier', 'grade', 'level', 'class'],
    industry: ['所属行业', '行业', '业态', 'industry', 'sector'],
    district: ['区县', '所在区', '区', 'district'],
    notes: ['备注', '说明', 'notes', 'note', 'remark', 'remarks', 'comment'],
    birthday: ['生日', '出生日期', 'birthday', 'birthdate', 'dateofbirth', 'dob'],
  },
  orders: {
    customer: ['客户名称', '客户编号', '客户', '门店', 'customer', 'customerid', 'customername'],
    order: ['订单编号', '订单号', '单号', 'orderid', 'orderno', 'order'],
    date: ['下单日期', '订单日期', '下单时间', '日期', 'orderdate', 'date'],
    sku: ['商品编码', '货号', '编码', 'sku', 'productid'],
    product: ['商品名称', '产品名称', '商品', '产品', 'productname', 'product'],
    quantity: ['数量', 'quantity', 'qty'],
    price: ['单价', '价格', 'unitprice', 'price'],
  },
  products: {
    sku: ['产品编码', '商品编码', '货号', '编码', '编号', 'sku', 'code', 'productcode', 'productid'],
    name: ['产品名称', '商品名称', '品名', '名称', 'name', 'productname'],
    category: ['类别', '分类', '品类', 'category'],
    unit: ['单位', '计量单位', 'unit', 'uom'],
    price: ['单价', '价格', '售价', '零售价', 'unitprice', 'price'],
    active: ['在售', '状态', '启用', '是否在售', 'active', 'status'],
  },
}

/** Lower-case, without spaces, underscores, dashes, brackets or a BOM, so 「客户 名称」 and "Customer_Name" match. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-.()（）[\]【】:：]/g, '')
}

/**
 * A first column mapping (role → header) from a file's header: exact synonym matches first, then the
 * longest synonym contained in a header (so 联系人电话 goes to phone only if no better header claims it).
 * Each header serves one role at most.
 */
export function guessColumns(kind: ImportKind, header: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  const used = new Set<string>()
  const norm = header.map((h) => ({ raw: h, n: normalizeHeader(h) }))
  const table = synonyms[kind]
  for (const role of importRoles[kind]) {
    const words = table[role] ?? []
    const hit = norm.find((h) => !used.has(h.raw) && words.includes(h.n))
    if (hit) {
      out[role] = hit.raw
      used.add(hit.raw)
    }
  }
  type Candidate = { role: string; header: string; score: number }
  const candidates: Candidate[] = []
  for (const role of importRoles[kind]) {
    if (out[role]) continue
    for (const h of norm) {
      if (used.has(h.raw) || h.n === '') continue
      const best = Math.max(0, ...(table[role] ?? []).filter((w) => h.n.includes(w)).map((w) => w.length))
      if (best > 0) candidates.push({ role, header: h.raw, score: best / h.n.length })
    }
  }
  candidates.sort((a, b) => b.score - a.score)
  for (const c of candidates) {
    if (out[c.role] || used.has(c.header)) continue
    out[c.role] = c.header
    used.add(c.header)
  }
  return out
}

/** Keeps the roles of a saved mapping whose column is still in the file; guesses fill the rest. */
export function restoreColumns(
  kind: ImportKind,
  saved: Readonly<Record<string, string>>,
  header: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [role, col] of Object.entries(saved)) if (header.includes(col)) out[role] = col
  const taken = new Set(Object.values(out))
  for (const [role, col] of Object.entries(
    guessColumns(
      kind,
      header.filter((h) => !taken.has(h)),
    ),
  ))
    out[role] ??= col
  return out
}

/**
 * Columns for the custom fields the admin defined, added to a mapping: a header that reads as a
 * field's Chinese or English label, or its key, when that header serves no role yet and the field has
 * no column. Null when nothing is added.
 */
export function guessCustomFieldColumns(
  fields: readonly Pick<CustomField, 'key' | 'label'>[],
  header: readonly string[],
  columns: Readonly<Record<string, string>>,
): Record<string, string> | null {
  const used = new Set(Object.values(columns))
  const out = { ...columns }
  let added = false
  for (const field of fields) {
    if (out[field.key]) continue
    const names = new Set([field.label.zh, field.label.en, field.key].map(normalizeHeader))
    const hit = header.find((h) => !used.has(h) && names.has(normalizeHeader(h)))
    if (!hit) continue
    out[field.key] = hit
    used.add(hit)
    added = true
  }
  return added ? out : null
}
