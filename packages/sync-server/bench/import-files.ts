/**
 * Large import files for the benches: customers of the tiny organisation's team A (owners a1 and a2)
 * and order lines for its customers, deterministic, with a few repeated lines as real files have.
 */
const CITIES = ['上海', '杭州', '南京', '苏州', '宁波', '无锡']
const KINDS = ['便利店', '超市', '烟酒店', '副食店', '餐馆', '药房']

/** `rows` customer lines: 店名, 电话, 地址, 城市, 纬度, 经度, 负责人, 标签; every 500th repeats the one before. */
export function customersCsv(rows: number): string {
  const out = ['店名,电话,地址,城市,纬度,经度,负责人,标签']
  let last = ''
  for (let i = 1; i <= rows; i++) {
    if (i % 500 === 0 && last) {
      out.push(last)
      continue
    }
    const city = CITIES[i % CITIES.length]!
    const lat = (30 + (i % 997) * 0.003).toFixed(5)
    const lng = (120 + Math.floor(i / 997) * 0.003).toFixed(5)
    last = [
      `${city}${KINDS[i % KINDS.length]}${i}号`,
      `13${String(100_000_000 + i * 7).slice(-9)}`,
      `${city}市第${i % 300}路${i}号`,
      city,
      lat,
      lng,
      i % 2 ? 'a1@test.local' : 'a2@test.local',
      i % 3 ? '批发' : '零售;夜间',
    ].join(',')
    out.push(last)
  }
  return `${out.join('\n')}\n`
}
export const customersColumns = {
  name: '店名',
  phone: '电话',
  address: '地址',
  city: '城市',
  lat: '纬度',
  lng: '经度',
  owner: '负责人',
  tags: '标签',
}

/** `rows` order lines over the customers `c-a1-1…c-a1-N`, five lines per order. */
export function ordersCsv(rows: number, customers: number): string {
  const out = ['客户,订单号,日期,商品编码,商品,数量,单价']
  for (let i = 0; i < rows; i++) {
    const order = Math.floor(i / 5)
    const customer = `c-a${(order % 2) + 1}-${(order % customers) + 1}`
    const day = String((order % 28) + 1).padStart(2, '0')
    out.push(
      [
        customer,
        `SO${order}`,
        `2026-0${(order % 9) + 1}-${day}`,
        `SKU-${i % 40}`,
        `商品${i % 40}`,
        (i % 12) + 1,
        ((i % 40) * 2.5 + 3).toFixed(2),
      ].join(','),
    )
  }
  return `${out.join('\n')}\n`
}
export const ordersColumns = {
  customer: '客户',
  order: '订单号',
  date: '日期',
  sku: '商品编码',
  product: '商品',
  quantity: '数量',
  price: '单价',
}
