import type { Contact, Customer, Rng } from '@outrider/domain'
import { type Archetype, archetypeWeights, type BuyingPlan, planBuying, type Window } from './archetypes.ts'
import { cities, districtOf, offsetKm } from './cities.ts'
import { clocksFor, instant, isoAt, isoDateOf } from './clock.ts'
import { goodWords, type Industry, industries } from './industries.ts'
import type { RepPlan } from './org.ts'
import { contactTitles, landline, mobile, personName, surnames } from './people.ts'

/** A customer with what the activity generator needs to know about it. */
export type CustomerPlan = { customer: Customer; rep: RepPlan; industry: Industry; buying: BuyingPlan }

const customerFields = [
  'name',
  'searchKeys',
  'status',
  'phone',
  'address',
  'city',
  'district',
  'location',
  'openingHours',
  'ownerRepId',
  'teamId',
  'industry',
  'tags',
  'customFields',
  'notes',
]
const contactFields = ['customerId', 'name', 'title', 'phone', 'wechat', 'birthday', 'primary']

const notesPool = [
  '老板周三下午常不在店，上午拜访为宜',
  '门口不好停车，建议停在路口',
  '需提前电话预约',
  '老板娘负责下单，老板管收货',
  '月底对账，月初结款',
  '店面正在装修，注意陈列位置变化',
  '喜欢微信下单',
]

/** "徐汇区" → "徐汇", "苏州工业园区" → "园区": the short place name shops put in their names. */
function shortPlace(district: string): string {
  if (district === '苏州工业园区') return '园区'
  return district.replace(/(高新区|新区|街道|区|镇)$/, '')
}

function wechatId(rng: Rng): string {
  const chars = 'abcdefghijkmnpqrstuvwxyz23456789'
  let id = 'wxid_'
  for (let i = 0; i < 10; i++) id += chars[rng.int(0, chars.length - 1)]
  return id
}

function uniqueName(
  rng: Rng,
  industry: Industry,
  parts: { surname: string; place: string; road: string; good: string },
  used: Set<string>,
): string {
  for (let attempt = 0; attempt < 4; attempt++) {
    const name = rng.pick(industry.names)({
      ...parts,
      good: attempt === 0 ? parts.good : rng.pick(goodWords),
    })
    if (!used.has(name)) return name
  }
  let n = 2
  const stem = rng.pick(industry.names)(parts)
  while (used.has(`${stem}${n}号店`)) n++
  return `${stem}${n}号店`
}

export function generateCustomers(
  rng: Rng,
  count: number,
  reps: readonly RepPlan[],
  w: Window,
  searchKeysFor: (name: string) => string[],
): { plans: CustomerPlan[]; contacts: Contact[] } {
  const plans: CustomerPlan[] = []
  const contacts: Contact[] = []
  const used = new Set<string>()
  for (let i = 0; i < count; i++) {
    const rep = reps[i % reps.length]
    if (!rep) throw new Error('no reps to own customers')
    const who = drawCustomer(rng, rep, w, used)
    used.add(who.name)
    const { plan, createdMs } = customerRecord(rng, i, rep, who, searchKeysFor)
    plans.push(plan)
    contacts.push(...contactsOf(rng, i, plan.customer, who.surname, createdMs))
  }
  return { plans, contacts }
}

type DrawnCustomer = ReturnType<typeof drawCustomer>

/** Who a customer is: how it buys, its trade, where it is and its (unique) name. */
function drawCustomer(rng: Rng, rep: RepPlan, w: Window, used: Set<string>) {
  const archetype: Archetype = rng.weighted(archetypeWeights)
  const buying = planBuying(rng, archetype, w)
  const industry = rng.weighted(industries.map((x) => [x, x.weight] as const))
  const city = cities[rep.cityKey]
  const district = districtOf(rep.cityKey, rng.pick(rep.territory.districts))
  const road = rng.pick(district.roads)
  const surname = rng.weighted(surnames)
  const name = uniqueName(
    rng,
    industry,
    { surname, place: shortPlace(district.name), road, good: rng.pick(goodWords) },
    used,
  )
  return { archetype, buying, industry, city, district, road, surname, name }
}

/** The i-th customer's record as its rep created it, and when. */
function customerRecord(
  rng: Rng,
  i: number,
  rep: RepPlan,
  { archetype, buying, industry, city, district, road, name }: DrawnCustomer,
  searchKeysFor: (name: string) => string[],
): { plan: CustomerPlan; createdMs: number } {
  const createdMs = instant(buying.createdDay, rng.int(9 * 60, 18 * 60))
  const createdAt = isoAt(createdMs)
  const location =
    archetype === 'prospect' && rng.chance(0.05)
      ? null
      : offsetKm(
          district.centre,
          (rng.normal() * district.radiusKm) / 2,
          (rng.normal() * district.radiusKm) / 2,
        )
  const tags = new Set<string>([rng.pick(industry.tags)])
  if (rng.chance(0.4)) tags.add(rng.pick(industry.tags))
  if (archetype === 'new') tags.add('新开业')
  const customer: Customer = {
    id: `c-${String(i + 1).padStart(5, '0')}`,
    createdAt,
    updatedAt: createdAt,
    clocks: {},
    name,
    searchKeys: searchKeysFor(name),
    status: archetype === 'prospect' ? 'prospect' : archetype === 'churned' ? 'inactive' : 'customer',
    address: `${city.name}${district.name}${road}${rng.int(1, 999)}号`,
    city: city.name,
    district: district.name,
    location,
    openingHours: industry.hours(rng),
    ownerRepId: rep.user.id,
    teamId: rep.teamId,
    industry: industry.label,
    tags: [...tags],
    customFields: customFieldsOf(rng, industry.label),
  }
  if (rng.chance(0.5)) customer.phone = landline(rng, city.areaCode)
  if (rng.chance(0.15)) customer.notes = rng.pick(notesPool)
  if (archetype === 'churned') customer.notes = '店铺已转让，新老板暂无合作意向'
  customer.clocks = clocksFor(
    customerFields.filter((f) => f in customer),
    createdMs,
  )
  return { plan: { customer, rep, industry, buying }, createdMs }
}

/** The shop's size, fridges and how it pays, as an admin's custom fields would hold them. */
function customFieldsOf(rng: Rng, industry: string): Customer['customFields'] {
  return {
    门店面积: rng.int(15, industry === '超市' ? 800 : 200),
    冷柜数量: rng.int(0, industry === '便利店' || industry === '超市' ? 6 : 2),
    结算方式: rng.weighted([
      ['微信', 5],
      ['支付宝', 2],
      ['现金', 2],
      ['月结', industry === '批发部' || industry === '餐厅' ? 4 : 1],
    ]),
  }
}

/** The owner (often of the shop's surname) and, at some shops, a clerk. */
function contactsOf(rng: Rng, i: number, customer: Customer, surname: string, createdMs: number): Contact[] {
  const base = {
    createdAt: customer.createdAt,
    updatedAt: customer.createdAt,
    clocks: {},
    customerId: customer.id,
  }
  const owner: Contact = {
    id: `ct-${String(i + 1).padStart(5, '0')}-1`,
    ...base,
    name: personName(rng, customer.name.includes(surname) ? surname : undefined),
    title: rng.pick(contactTitles),
    phone: mobile(rng),
    primary: true,
  }
  if (rng.chance(0.6)) owner.wechat = wechatId(rng)
  if (rng.chance(0.4)) owner.birthday = isoDateOf(instantDay(rng.int(1965, 1998), rng.int(0, 364)))
  owner.clocks = clocksFor(
    contactFields.filter((f) => f in owner),
    createdMs,
  )
  if (!rng.chance(0.15)) return [owner]
  const clerk: Contact = {
    id: `ct-${String(i + 1).padStart(5, '0')}-2`,
    ...base,
    name: personName(rng),
    title: rng.pick(['店员', '采购', '收银']),
    phone: mobile(rng),
    primary: false,
  }
  clerk.clocks = clocksFor(
    contactFields.filter((f) => f in clerk),
    createdMs,
  )
  return [owner, clerk]
}

/** Day number of the n-th day (0-based) of a year. */
function instantDay(year: number, dayOfYear: number): number {
  return Math.floor(Date.UTC(year, 0, 1) / 86_400_000) + dayOfYear
}
