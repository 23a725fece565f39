import type { Bilingual } from './bilingual.ts'
import { holidayNamesEn } from './chinese-holidays.ts'

const channelNames: Readonly<Record<string, Bilingual>> = {
  visit: { zh: '拜访', en: 'visit' },
  phone: { zh: '电话', en: 'call' },
  wechat: { zh: '微信', en: 'WeChat' },
  sms: { zh: '短信', en: 'SMS' },
  email: { zh: '邮件', en: 'e-mail' },
  other: { zh: '其他方式', en: 'other channel' },
}

export function channelName(channel: string): Bilingual {
  return channelNames[channel] ?? { zh: channel, en: channel }
}

/** Why each generated task exists, naming the policy rule, in both UI languages. */
export const careReasons = {
  birthday: (who: string, date: string, tier: string): Bilingual => ({
    zh: `生日问候：${who} ${date.slice(5)} 生日（${tier} 类客户关怀规则）`,
    en: `Birthday greeting: ${who}'s birthday on ${date.slice(5)} (tier ${tier} care rule)`,
  }),
  holiday: (name: string, date: string, tier: string): Bilingual => ({
    zh: `节日问候：${name}（${date}）（${tier} 类客户关怀规则）`,
    en: `Holiday greeting: ${holidayNamesEn[name] ?? name} (${date}) (tier ${tier} care rule)`,
  }),
  callback: (days: number, source: 'visit' | 'order', from: string, tier: string): Bilingual => ({
    zh: `回访：${from} ${source === 'order' ? '下单' : '拜访'}后 ${days} 天（${tier} 类回访规则）`,
    en: `Callback ${days} days after the ${source} of ${from} (tier ${tier} callback rule)`,
  }),
  winBack: (stage: string, tier: string): Bilingual => ({
    zh: `挽回联系：客户${stage === 'churned' ? '已流失' : '有流失风险'}（${tier} 类挽回规则）`,
    en: `Win-back contact: the customer is ${stage === 'churned' ? 'churned' : 'at risk'} (tier ${tier} win-back rule)`,
  }),
  monthly: (slot: number, perMonth: number, tier: string): Bilingual => ({
    zh: `每月联系：本月第 ${slot}/${perMonth} 次（${tier} 类每月 ${perMonth} 次联系规则）`,
    en: `Monthly contact ${slot} of ${perMonth} (tier ${tier} rule: ${perMonth} contacts a month)`,
  }),
  complaintFollowUp: (category: string, tier: string): Bilingual => ({
    zh: `投诉回访：「${category}」投诉已解决，请问客户是否满意（${tier} 类关怀规则）`,
    en: `Complaint follow-up: the "${category}" complaint is resolved; ask whether the customer is satisfied (tier ${tier} care rule)`,
  }),
}
