import type { Feedback, Visit } from '@outrider/domain'

/** Field notes a rep would type after a visit, by outcome. */
export const visitNotes: Record<Visit['outcome'], readonly string[]> = {
  ordered: [
    '补货下单，陈列良好',
    '老板按常规补货',
    '新品试销，先拿少量',
    '顺便检查了冰柜陈列',
    '整理了货架，补齐缺货品项',
  ],
  interested: ['对新品有兴趣，下次带样品', '老板想了解促销政策', '考虑下月开始合作'],
  no_need: ['库存充足，暂不补货', '老板说最近生意一般', '上次的货还没卖完'],
  not_met: ['老板不在，留了名片', '店员做不了主，改天再来'],
  closed: ['店门未开，电话未接通', '临时歇业，门口贴了告示'],
  follow_up: ['需要报价单，回去整理后发微信', '老板要对比价格，约下周回复', '客户反映问题，需要跟进'],
}

export const prospectingNotes = [
  '首次拜访，介绍公司产品',
  '留下产品目录和联系方式',
  '老板比较忙，简单介绍了合作方式',
]

export const followUpTitles = ['发送报价单', '带新品样品回访', '确认促销政策', '跟进对账', '回复价格对比']

type Category = NonNullable<Feedback['complaint']>['category']

export const complaintTexts: Record<Category, readonly string[]> = {
  product: ['上批饮料有几箱临期', '酱油瓶有破损漏液', '大米袋子破了'],
  delivery: ['送货晚了两天', '送货少了一箱', '送货时间和约定不符'],
  service: ['业务员上次约好没来', '电话下单没人回复'],
  price: ['隔壁批发价更便宜', '促销价没有兑现'],
  other: ['发票一直没开', '对账单有误'],
}

export const resolutions: Record<Category, string> = {
  product: '已更换问题商品并致歉',
  delivery: '已补发并调整配送时间',
  service: '主管已上门致歉，约定固定拜访时间',
  price: '已退还差价',
  other: '已补开发票并核对账目',
}

export const surveyComments: Record<number, readonly string[]> = {
  5: ['服务很好，送货及时', '业务员很专业，合作愉快'],
  4: ['总体满意', '送货挺快的'],
  3: ['一般，价格可以再优惠', '品种可以再多一些'],
  2: ['送货经常延迟', '联系业务员不方便'],
  1: ['很不满意，考虑换供应商'],
}

/** Answers to the demo survey's open question ("其他建议"). */
export const surveySuggestions: readonly string[] = [
  '希望周末也能送货',
  '新品上市可以早点通知',
  '促销活动可以多一些',
  '包装再结实一点',
  '送货员很准时，继续保持',
  '希望能开电子发票',
  '账期能否延长到 45 天',
]
