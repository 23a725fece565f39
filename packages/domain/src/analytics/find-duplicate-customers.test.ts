import { describe, expect, it } from 'vitest'
import type { GeoPoint } from '../model/index.ts'
import type { DuplicateCandidate } from './duplicate-score.ts'
import { findDuplicateCustomers } from './find-duplicate-customers.ts'

// Two points 20 m apart on 体育西路, one 30 m further, one across town.
const HERE: GeoPoint = { lat: 23.1375, lng: 113.3235 }
const NEXT_DOOR: GeoPoint = { lat: 23.13768, lng: 113.3235 }
const ACROSS_TOWN: GeoPoint = { lat: 23.2, lng: 113.4 }

function shop(id: string, name: string, patch: Partial<DuplicateCandidate> = {}): DuplicateCandidate {
  return { id, name, address: '', city: '广州', location: null, ...patch }
}

const pairIds = (pairs: { a: string; b: string }[]): string[] =>
  pairs.map((p) => [p.a, p.b].sort().join('~')).sort()

describe('findDuplicateCustomers', () => {
  it('matches the same phone written differently', () => {
    const pairs = findDuplicateCustomers([
      shop('a', '张三超市', { phone: '+86 138-1234-5678' }),
      shop('b', '张三超市', { phone: '13812345678' }),
    ])
    expect(pairIds(pairs)).toEqual(['a~b'])
    expect(pairs[0]?.reasons.map((r) => r.code)).toContain('same_phone')
    expect(pairs[0]?.reasons.find((r) => r.code === 'same_phone')).toMatchObject({
      en: 'Same phone number (13812345678)',
      zh: '电话号码相同（13812345678）',
    })
  })

  it('matches a landline with and without its separators', () => {
    const pairs = findDuplicateCustomers([
      shop('a', '老王商行', { phone: '(020) 8765 4321' }),
      shop('b', '老王商行', { phone: '+86 20 87654321' }),
    ])
    expect(pairIds(pairs)).toEqual(['a~b'])
  })

  it('matches the same name in another writing in the same place', () => {
    const forms = ['张三', 'zhang san', 'Zhang San', '张 三', '張三', '张三商行']
    const shops = forms.map((name, i) => shop(`s${i}`, name, { location: i % 2 === 0 ? HERE : NEXT_DOOR }))
    const pairs = findDuplicateCustomers(shops)
    expect(pairs).toHaveLength((forms.length * (forms.length - 1)) / 2)
    const sound = pairs.find((p) => p.a === 's0' && p.b === 's1')
    expect(sound?.reasons.map((r) => r.code)).toEqual(['same_name_sound', 'nearby'])
    expect(sound?.reasons[0]?.zh).toBe('名称写法不同但读音相同（拼音 zhangsan）')
  })

  it('matches the same name at the same address written with or without province and city', () => {
    const pairs = findDuplicateCustomers([
      shop('a', '李记粮油店', { address: '广东省广州市天河区体育西路103号' }),
      shop('b', '李记粮油', { address: '天河区 体育西路 １０３号' }),
    ])
    expect(pairIds(pairs)).toEqual(['a~b'])
    expect(pairs[0]?.reasons.map((r) => r.code)).toEqual(['same_name', 'same_address'])
  })

  it('does not match two different shops on the same street', () => {
    const pairs = findDuplicateCustomers([
      shop('a', '好又多超市', { phone: '13800000001', address: '体育西路101号', location: HERE }),
      shop('b', '美宜佳便利店', { phone: '13900000002', address: '体育西路103号', location: NEXT_DOOR }),
    ])
    expect(pairs).toEqual([])
  })

  it('does not match one name far apart, nor two names sharing one phone', () => {
    expect(
      findDuplicateCustomers([
        shop('a', '张三', { location: HERE }),
        shop('b', '张三', { location: ACROSS_TOWN }),
      ]),
    ).toEqual([])
    expect(
      findDuplicateCustomers([
        shop('a', '好又多超市', { phone: '13812345678', location: HERE }),
        shop('b', '美宜佳便利店', { phone: '13812345678', location: ACROSS_TOWN }),
      ]),
    ).toEqual([])
  })

  it('compares candidates with existing customers but not existing ones with each other', () => {
    const existing = [
      shop('e1', '张三', { phone: '13812345678' }),
      shop('e2', '张三', { phone: '13812345678' }),
    ]
    const pairs = findDuplicateCustomers([shop('new', 'Zhang San', { phone: '138 1234 5678' })], existing)
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      ['new', 'e1'],
      ['new', 'e2'],
    ])
  })

  it('skips records already merged or deleted', () => {
    const pairs = findDuplicateCustomers([
      shop('a', '张三', { phone: '13812345678' }),
      shop('b', '张三', { phone: '13812345678', mergedInto: 'a' }),
      shop('c', '张三', { phone: '13812345678', deleted: true }),
    ])
    expect(pairs).toEqual([])
  })

  it('finds exactly the planted duplicates among thousands of distinct shops', () => {
    // Names from syllables with distinct pinyin, spread over a 30 km square, each with its own phone.
    const chars = [...'金银铜铁锡春夏秋冬东南西北红黄蓝白黑山水林']
    const shops: DuplicateCandidate[] = []
    let seed = 7
    const random = (): number => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    for (let i = 0; i < 3000; i++) {
      const name = `${chars[i % 22]}${chars[Math.floor(i / 22) % 22]}${chars[Math.floor(i / 484) % 22]}商店`
      const location = { lat: 23 + random() * 0.27, lng: 113.2 + random() * 0.3 }
      shops.push(
        shop(`c${i}`, name, {
          phone: `1380000${String(i).padStart(4, '0')}`,
          address: `某路${i}号`,
          location,
        }),
      )
    }
    const planted: string[] = []
    for (let i = 0; i < 3000; i += 150) {
      const original = shops[i]!
      const phone = original.phone!
      shops.push({
        ...original,
        id: `dup${i}`,
        name: `${original.name} `,
        phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
      })
      planted.push([original.id, `dup${i}`].sort().join('~'))
    }
    expect(pairIds(findDuplicateCustomers(shops))).toEqual(planted.sort())
  })
})
