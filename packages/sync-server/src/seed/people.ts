import type { Rng } from '@outrider/domain'

/** Common surnames, weighted roughly by frequency (王李张刘陈 lead). */
export const surnames: readonly (readonly [string, number])[] = [
  ['王', 10],
  ['李', 10],
  ['张', 9],
  ['刘', 7],
  ['陈', 7],
  ['杨', 4],
  ['黄', 4],
  ['赵', 3],
  ['吴', 3],
  ['周', 3],
  ['徐', 2],
  ['孙', 2],
  ['马', 2],
  ['朱', 2],
  ['胡', 2],
  ['郭', 2],
  ['何', 2],
  ['林', 2],
  ['罗', 1.5],
  ['高', 1.5],
  ['郑', 1.5],
  ['梁', 1.5],
  ['谢', 1],
  ['宋', 1],
  ['唐', 1],
  ['许', 1],
  ['韩', 1],
  ['冯', 1],
  ['邓', 1],
  ['曹', 1],
  ['彭', 1],
  ['曾', 1],
  ['沈', 1],
  ['蔡', 1],
  ['潘', 0.8],
  ['钟', 0.8],
  ['陆', 0.8],
  ['叶', 0.8],
  ['苏', 0.6],
  ['方', 0.6],
]

const givenMale = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '斌',
  '建国',
  '建华',
  '志强',
  '国平',
  '海波',
  '永康',
  '文博',
  '子轩',
  '浩然',
  '俊杰',
  '晓东',
  '立新',
  '德明',
  '宏伟',
]
const givenFemale = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '燕',
  '霞',
  '婷',
  '玲',
  '秀英',
  '桂英',
  '丽华',
  '美玲',
  '晓燕',
  '雅婷',
  '欣怡',
  '思琪',
  '慧敏',
  '春梅',
  '海燕',
  '淑芬',
]

export function personName(rng: Rng, surname?: string): string {
  const family = surname ?? rng.weighted(surnames)
  return family + rng.pick(rng.chance(0.55) ? givenMale : givenFemale)
}

/** An 11-digit mainland mobile number on a 13x/15x/18x prefix. */
export function mobile(rng: Rng): string {
  const prefix = rng.pick([
    '130',
    '131',
    '132',
    '135',
    '136',
    '137',
    '138',
    '139',
    '150',
    '151',
    '152',
    '155',
    '157',
    '158',
    '159',
    '180',
    '181',
    '182',
    '185',
    '186',
    '187',
    '188',
    '189',
  ])
  let rest = ''
  for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9))
  return prefix + rest
}

/** A fixed line in the city's area code, e.g. 021-64381234. */
export function landline(rng: Rng, areaCode: string): string {
  let digits = String(rng.int(2, 8))
  for (let i = 0; i < 7; i++) digits += String(rng.int(0, 9))
  return `${areaCode}-${digits}`
}

export const contactTitles = ['老板', '老板娘', '店长', '采购', '经理'] as const
