/** A money cell as spreadsheets write it (`¥1,280.00`, full-width digits), or NaN. */
export function parsePrice(cell: string): number {
  if (cell.trim() === '') return Number.NaN
  return Number(
    cell
      .normalize('NFKC')
      .trim()
      .replace(/^[¥￥]/, '')
      .replace(/,/g, ''),
  )
}

const YES = new Set(['', '1', 'true', 'yes', 'y', '是', '在售', '启用', '有效'])
const NO = new Set(['0', 'false', 'no', 'n', '否', '停售', '停用', '无效', '下架'])

/** A yes/no cell (blank = yes), or null when it is neither. */
export function parseFlag(cell: string): boolean | null {
  const v = cell.normalize('NFKC').trim().toLowerCase()
  if (YES.has(v)) return true
  if (NO.has(v)) return false
  return null
}
