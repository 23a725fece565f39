import { describe, expect, it } from 'vitest'
import { guessColumns, guessCustomFieldColumns, restoreColumns } from './guess-columns.ts'

describe('guessColumns', () => {
  it('maps the usual Chinese customer headers', () => {
    expect(
      guessColumns('customers', [
        '客户名称',
        '手机',
        '地址',
        '城市',
        '纬度',
        '经度',
        '负责人',
        '等级',
        '备注',
        '结算方式',
      ]),
    ).toEqual({
      name: '客户名称',
      phone: '手机',
      address: '地址',
      city: '城市',
      lat: '纬度',
      lng: '经度',
      owner: '负责人',
      tier: '等级',
      notes: '备注',
    })
  })

  it('matches short, spaced, BOM-prefixed and English variants', () => {
    expect(
      guessColumns('customers', ['\uFEFF名称', '电话', ' 详细 地址 ', 'Latitude', 'LNG', 'Contact_Name']),
    ).toEqual({
      name: '\uFEFF名称',
      phone: '电话',
      address: ' 详细 地址 ',
      lat: 'Latitude',
      lng: 'LNG',
      contact: 'Contact_Name',
    })
  })

  it('gives each header to one role: the contact person keeps 联系人, the phone takes 联系人电话', () => {
    const m = guessColumns('customers', ['店名', '联系人', '联系人电话'])
    expect(m).toEqual({ name: '店名', contact: '联系人', phone: '联系人电话' })
  })

  it('maps order headers', () => {
    expect(
      guessColumns('orders', ['客户名称', '订单号', '下单日期', '商品编码', '商品名称', '数量', '单价']),
    ).toEqual({
      customer: '客户名称',
      order: '订单号',
      date: '下单日期',
      sku: '商品编码',
      product: '商品名称',
      quantity: '数量',
      price: '单价',
    })
  })

  it('leaves roles unmapped when nothing fits', () => {
    expect(guessColumns('customers', ['foo', 'bar'])).toEqual({})
  })
})

describe('restoreColumns', () => {
  it('keeps saved columns still in the file and guesses the rest', () => {
    const saved = { name: '门店全称', phone: '旧电话列' }
    expect(restoreColumns('customers', saved, ['门店全称', '手机', '城市'])).toEqual({
      name: '门店全称',
      phone: '手机',
      city: '城市',
    })
  })
})

describe('guessCustomFieldColumns', () => {
  const fields = [
    { key: 'payment', label: { zh: '结算方式', en: 'Payment terms' } },
    { key: 'area', label: { zh: '面积', en: 'Floor area' } },
    { key: 'opened', label: { zh: '开业日期', en: 'Opened on' } },
  ]
  it('maps a header that reads as a field’s label in either language, or its key, to that field', () => {
    expect(
      guessCustomFieldColumns(fields, ['店名', '结算 方式', 'Floor_Area', 'opened', '备注'], {
        name: '店名',
      }),
    ).toEqual({ name: '店名', payment: '结算 方式', area: 'Floor_Area', opened: 'opened' })
  })
  it('leaves a column a role already holds and a field already mapped alone; null when nothing is added', () => {
    expect(
      guessCustomFieldColumns(fields, ['面积', '结算方式'], { notes: '面积', payment: '结算方式' }),
    ).toBeNull()
  })
})
