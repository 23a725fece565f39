import type { OpeningHours, Rng, TimeWindow } from '@outrider/domain'

export type ProductCategory = '饮料' | '零食' | '粮油' | '调味品' | '日化' | '酒类' | '乳品' | '速冻' | '茶叶'

/** What a shop name template can draw on. */
export type NameParts = { surname: string; place: string; road: string; good: string }

export type Industry = {
  label: string
  weight: number
  names: readonly ((p: NameParts) => string)[]
  hours: (rng: Rng) => OpeningHours
  categories: Partial<Record<ProductCategory, number>>
  tags: readonly string[]
}

/** Auspicious words Chinese shop names are built from. */
export const goodWords = [
  '惠民',
  '鑫源',
  '万家',
  '福满',
  '佳和',
  '百顺',
  '金穗',
  '顺心',
  '喜乐',
  '康泰',
  '益民',
  '仁和',
  '德顺',
  '永盛',
  '兴旺',
  '隆发',
  '华联',
  '好邻',
]

const hm = (h: number, m = 0): number => h * 60 + m
const w = (open: number, close: number): TimeWindow => ({ open, close: Math.min(close, 1440) })
/** Builds Sunday..Saturday from a per-weekday rule (0 = Sunday). */
const week = (rule: (weekday: number) => TimeWindow[]): OpeningHours => [0, 1, 2, 3, 4, 5, 6].map(rule)
const jitter = (rng: Rng): number => rng.pick([-30, 0, 0, 0, 30])

export const industries: readonly Industry[] = [
  {
    label: '便利店',
    weight: 22,
    names: [
      (p) => `${p.surname}记便利店`,
      (p) => `${p.good}便利店`,
      (p) => `${p.good}便利（${p.road}店）`,
      (p) => `${p.place}${p.good}便利店`,
    ],
    hours: (rng) => {
      if (rng.chance(0.25)) return week(() => [w(0, 1440)])
      const open = hm(7) + jitter(rng)
      return week((d) => [w(open, d === 5 || d === 6 ? hm(23, 30) : hm(23))])
    },
    categories: { 饮料: 5, 零食: 4, 日化: 2, 酒类: 1.5, 乳品: 2, 速冻: 1, 调味品: 0.5, 粮油: 0.5 },
    tags: ['社区店', '写字楼', '学校周边', '夫妻店', '临街铺'],
  },
  {
    label: '超市',
    weight: 14,
    names: [
      (p) => `${p.good}超市`,
      (p) => `${p.good}超市（${p.place}店）`,
      (p) => `${p.surname}家超市`,
      (p) => `${p.place}${p.good}购物广场`,
    ],
    hours: (rng) => {
      const open = hm(8) + jitter(rng)
      return week((d) => (d === 0 || d === 6 ? [w(open - 30, hm(22, 30))] : [w(open, hm(22))]))
    },
    categories: { 饮料: 3, 零食: 3, 粮油: 3, 调味品: 3, 日化: 3, 酒类: 2, 乳品: 2, 速冻: 2, 茶叶: 0.5 },
    tags: ['社区店', '连锁', '商场内', '临街铺'],
  },
  {
    label: '餐厅',
    weight: 16,
    names: [
      (p) => `${p.surname}记面馆`,
      (p) => `老${p.surname}家常菜`,
      (p) => `${p.place}小厨`,
      (p) => `${p.good}酒家`,
      (p) => `川香阁（${p.road}店）`,
      (p) => `${p.surname}记烧腊`,
      (p) => `${p.surname}记大排档`,
      (p) => `湘味小馆（${p.place}店）`,
    ],
    // Lunch and dinner service with a break in between; late closers serve night snacks (夜宵).
    hours: (rng) => {
      const close = rng.pick([hm(21, 30), hm(22), hm(23, 30), 1440])
      const closedMonday = rng.chance(0.3)
      return week((d) => {
        if (d === 1 && closedMonday) return []
        const weekend = d === 0 || d === 6
        return [
          w(weekend ? hm(10) : hm(10, 30), hm(14)),
          w(hm(17), weekend ? Math.min(close + 30, 1440) : close),
        ]
      })
    },
    categories: { 调味品: 5, 粮油: 4, 酒类: 3, 饮料: 3, 零食: 0.3 },
    tags: ['堂食', '外卖', '夜宵', '写字楼', '临街铺'],
  },
  {
    label: '药房',
    weight: 8,
    names: [
      (p) => `${p.good}大药房`,
      (p) => `${p.surname}氏药房`,
      (p) => `${p.good}堂药店`,
      (p) => `${p.good}大药房（${p.road}店）`,
    ],
    hours: (rng) => {
      const open = hm(8) + jitter(rng)
      return week((d) => (d === 0 ? [w(hm(9), hm(18))] : [w(open, hm(21))]))
    },
    categories: { 饮料: 2, 日化: 2, 乳品: 1 },
    tags: ['社区店', '连锁', '医保定点'],
  },
  {
    label: '五金店',
    weight: 7,
    names: [(p) => `${p.surname}记五金`, (p) => `${p.place}五金交电`, (p) => `${p.good}五金建材`],
    hours: (rng) => {
      const sundayOpen = rng.chance(0.3)
      return week((d) => {
        if (d === 0) return sundayOpen ? [w(hm(9), hm(12))] : []
        return [w(hm(8), hm(12)), w(hm(13, 30), d === 6 ? hm(17) : hm(18))]
      })
    },
    categories: { 饮料: 1, 日化: 3, 零食: 0.5 },
    tags: ['夫妻店', '临街铺', '建材市场'],
  },
  {
    label: '烟酒行',
    weight: 9,
    names: [
      (p) => `${p.good}烟酒行`,
      (p) => `${p.surname}氏烟酒`,
      (p) => `${p.place}名烟名酒`,
      (p) => `${p.good}烟酒商行（${p.road}店）`,
    ],
    hours: () => week((d) => [w(hm(9), d === 5 || d === 6 ? hm(22, 30) : hm(21, 30))]),
    categories: { 酒类: 6, 饮料: 2, 茶叶: 1.5, 零食: 1 },
    tags: ['礼品', '临街铺', '团购'],
  },
  {
    label: '茶庄',
    weight: 5,
    names: [(p) => `${p.good}茶庄`, (p) => `${p.place}茶行`, (p) => `${p.surname}记茶庄`],
    hours: (rng) => {
      const closedSunday = rng.chance(0.5)
      return week((d) => (d === 0 && closedSunday ? [] : [w(hm(9, 30), hm(12)), w(hm(13, 30), hm(20))]))
    },
    categories: { 茶叶: 6, 零食: 1, 饮料: 1 },
    tags: ['礼品', '商场内', '老字号'],
  },
  {
    label: '粮油店',
    weight: 9,
    names: [
      (p) => `${p.place}农贸市场${p.surname}记粮油`,
      (p) => `${p.good}粮油店`,
      (p) => `${p.surname}记粮油批发`,
    ],
    // Market stalls open at dawn and take a long midday break.
    hours: (rng) => {
      const open = hm(5, 30) + jitter(rng)
      return week((d) => (d === 0 ? [w(hm(6), hm(12))] : [w(open, hm(12, 30)), w(hm(15), hm(18, 30))]))
    },
    categories: { 粮油: 6, 调味品: 4, 速冻: 1 },
    tags: ['菜市场', '批发', '夫妻店'],
  },
  {
    label: '批发部',
    weight: 6,
    names: [(p) => `${p.good}食品批发部`, (p) => `${p.surname}记副食批发`, (p) => `${p.place}${p.good}商行`],
    hours: () => week((d) => (d === 0 ? [] : [w(hm(7, 30), hm(12)), w(hm(13), hm(17, 30))])),
    categories: { 饮料: 3, 零食: 3, 粮油: 2, 调味品: 2, 酒类: 2, 日化: 2 },
    tags: ['批发', '月结', '仓储'],
  },
]
