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

type LogChannel = 'phone' | 'wechat' | 'sms' | 'email' | 'other'

/** Notes a rep types after a call, a WeChat exchange, an SMS, an e-mail or another contact, by outcome. */
export const contactNotes: Record<LogChannel, Partial<Record<Visit['outcome'], readonly string[]>>> = {
  phone: {
    no_need: ['电话问候，库存还够，暂不补货', '电话沟通，老板说最近生意平稳', '电话回访，上批货卖得一般'],
    interested: ['电话介绍本月促销，老板有兴趣', '电话里问了新品价格和起订量', '老板电话里说下周可能补货'],
    follow_up: ['电话沟通，老板要一份报价单', '电话里反映到货偏慢，需要跟进', '老板想调整送货时间，回头确认'],
    not_met: ['电话未接通，稍后再打', '老板在忙，约好改天再聊'],
  },
  wechat: {
    no_need: ['微信问候，暂时没有需求', '微信发了新品图片，老板说先不用', '节后微信问候，库存还够'],
    interested: [
      '微信发了促销海报，老板回复感兴趣',
      '微信沟通下月备货，老板想多订饮料',
      '老板微信问了冰柜陈列政策',
    ],
    follow_up: ['微信上要了价目表，待发送', '微信反馈有几箱临期，需要跟进', '老板微信要对账单，整理后发过去'],
    not_met: ['微信消息未回复，明天再问', '发了微信，老板还没看'],
  },
  sms: {
    no_need: ['短信发送本月促销信息', '短信提醒到货时间'],
    interested: ['短信发了新品信息，老板回复想了解'],
    follow_up: ['短信提醒对账，老板回复要核对'],
    not_met: ['短信提醒对账，未回复'],
  },
  email: {
    no_need: ['邮件发送了月度对账单'],
    interested: ['邮件发送了新品目录，对方有兴趣'],
    follow_up: ['邮件发送报价，对方要求再议价'],
    not_met: ['邮件已发，未见回复'],
  },
  other: {
    no_need: ['送货时顺便问候了老板', '在批发市场碰到老板，聊了几句'],
    interested: ['展会上碰到老板，对新品有兴趣'],
    follow_up: ['老板托送货员带话，要补一张发票'],
    not_met: ['托店员转告，老板不在'],
  },
}

/** Next steps a rep notes after a contact (each becomes a follow-up task). */
export const contactNextSteps: readonly string[] = [
  '发送报价单',
  '发送价目表',
  '整理对账单发给老板',
  '确认送货时间',
  '带新品样品上门',
  '跟进临期商品更换',
]
