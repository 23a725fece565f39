import type { ProductCategory } from './industries.ts'

export type CatalogueItem = {
  sku: string
  name: string
  category: ProductCategory
  unit: string
  price: number /** Sells more in summer. */
  summer?: boolean /** Sells more before Chinese New Year. */
  festive?: boolean
}

const item = (
  sku: string,
  name: string,
  category: ProductCategory,
  unit: string,
  price: number,
  season?: 'summer' | 'festive',
): CatalogueItem =>
  season === undefined
    ? { sku, name, category, unit, price }
    : { sku, name, category, unit, price, [season]: true }

/** A wholesale catalogue priced per case / bag / bottle in CNY, as a distributor sells to small shops. */
export const catalogue: readonly CatalogueItem[] = [
  item('DR-001', '天然矿泉水 550ml×24', '饮料', '箱', 36, 'summer'),
  item('DR-002', '纯净水 1.5L×12', '饮料', '箱', 28, 'summer'),
  item('DR-003', '可乐 330ml×24', '饮料', '箱', 52, 'summer'),
  item('DR-004', '雪碧 330ml×24', '饮料', '箱', 52, 'summer'),
  item('DR-005', '凉茶 310ml×24', '饮料', '箱', 68, 'summer'),
  item('DR-006', '冰红茶 500ml×15', '饮料', '箱', 45, 'summer'),
  item('DR-007', '绿茶饮料 500ml×15', '饮料', '箱', 45, 'summer'),
  item('DR-008', '鲜橙汁 450ml×15', '饮料', '箱', 58),
  item('DR-009', '功能饮料 250ml×24', '饮料', '箱', 96, 'summer'),
  item('DR-010', '椰汁 245ml×24', '饮料', '箱', 86, 'festive'),
  item('DR-011', '苏打水 410ml×15', '饮料', '箱', 54, 'summer'),
  item('SN-001', '原味薯片 70g×22', '零食', '箱', 99),
  item('SN-002', '五香瓜子 260g×20', '零食', '箱', 150, 'festive'),
  item('SN-003', '酒鬼花生 168g×30', '零食', '箱', 165),
  item('SN-004', '苏打饼干 400g×12', '零食', '箱', 108),
  item('SN-005', '红烧牛肉面 5连包×6', '零食', '箱', 72),
  item('SN-006', '火腿肠 30g×50', '零食', '箱', 58),
  item('SN-007', '辣条 102g×40', '零食', '箱', 88),
  item('SN-008', '牛肉干 100g×20', '零食', '箱', 360, 'festive'),
  item('SN-009', '坚果礼盒 1.2kg', '零食', '盒', 128, 'festive'),
  item('SN-010', '巧克力 144g×12', '零食', '箱', 216, 'festive'),
  item('GO-001', '东北大米 5kg', '粮油', '袋', 39),
  item('GO-002', '泰国香米 10kg', '粮油', '袋', 98),
  item('GO-003', '花生油 5L', '粮油', '桶', 118, 'festive'),
  item('GO-004', '菜籽油 5L', '粮油', '桶', 75),
  item('GO-005', '调和油 5L', '粮油', '桶', 62),
  item('GO-006', '高筋面粉 5kg', '粮油', '袋', 32),
  item('GO-007', '鸡蛋挂面 1kg×10', '粮油', '箱', 68),
  item('CO-001', '特级生抽 500ml×12', '调味品', '箱', 96),
  item('CO-002', '老抽 500ml×12', '调味品', '箱', 90),
  item('CO-003', '米醋 500ml×12', '调味品', '箱', 60),
  item('CO-004', '山西陈醋 420ml×12', '调味品', '箱', 72),
  item('CO-005', '蚝油 700g×12', '调味品', '箱', 110),
  item('CO-006', '料酒 500ml×12', '调味品', '箱', 54),
  item('CO-007', '食用盐 400g×40', '调味品', '箱', 80),
  item('CO-008', '鸡精 200g×20', '调味品', '箱', 150),
  item('CO-009', '白砂糖 1kg×10', '调味品', '箱', 85),
  item('CO-010', '豆瓣酱 500g×12', '调味品', '箱', 102),
  item('HC-001', '洗衣液 2kg×6', '日化', '箱', 150),
  item('HC-002', '洗洁精 1.5kg×8', '日化', '箱', 96),
  item('HC-003', '抽纸 3层100抽×48', '日化', '箱', 120),
  item('HC-004', '卷纸 10卷×6', '日化', '箱', 150),
  item('HC-005', '牙膏 120g×24', '日化', '箱', 216),
  item('HC-006', '洗发水 750ml×6', '日化', '箱', 228),
  item('HC-007', '香皂 115g×48', '日化', '箱', 192),
  item('AL-001', '纯生啤酒 500ml×12', '酒类', '箱', 60, 'summer'),
  item('AL-002', '清爽啤酒 330ml×24', '酒类', '箱', 55, 'summer'),
  item('AL-003', '精酿啤酒 500ml×12', '酒类', '箱', 130, 'summer'),
  item('AL-004', '浓香型白酒 500ml', '酒类', '瓶', 168, 'festive'),
  item('AL-005', '酱香型白酒 500ml', '酒类', '瓶', 398, 'festive'),
  item('AL-006', '绍兴黄酒 500ml×12', '酒类', '箱', 96, 'festive'),
  item('AL-007', '干红葡萄酒 750ml', '酒类', '瓶', 88, 'festive'),
  item('DA-001', '纯牛奶 250ml×24', '乳品', '箱', 66, 'festive'),
  item('DA-002', '酸奶 200g×24', '乳品', '箱', 79),
  item('DA-003', '牛奶礼盒 250ml×16', '乳品', '箱', 58, 'festive'),
  item('FR-001', '速冻水饺 1kg×10', '速冻', '箱', 160, 'festive'),
  item('FR-002', '黑芝麻汤圆 500g×20', '速冻', '箱', 180, 'festive'),
  item('FR-003', '冰淇淋雪糕 75g×40', '速冻', '箱', 120, 'summer'),
  item('TE-001', '西湖龙井 250g', '茶叶', '盒', 298, 'festive'),
  item('TE-002', '铁观音 250g', '茶叶', '盒', 168),
  item('TE-003', '普洱茶饼 357g', '茶叶', '饼', 135),
  item('TE-004', '茉莉花茶 500g', '茶叶', '袋', 68),
]

/**
 * Products bought together (by SKU), so cross-sell rules found in the orders mean something:
 * soy sauce with vinegar, beer with peanuts, rice with oil, crisps with cola.
 */
export const affinities: readonly (readonly string[])[] = [
  ['CO-001', 'CO-003', 'CO-005', 'CO-006'],
  ['CO-002', 'CO-004', 'CO-010'],
  ['AL-001', 'SN-003', 'SN-002'],
  ['AL-002', 'SN-003', 'SN-006'],
  ['GO-001', 'GO-003'],
  ['GO-002', 'GO-005'],
  ['SN-001', 'DR-003', 'DR-004'],
  ['SN-005', 'SN-006'],
  ['HC-001', 'HC-002', 'HC-003'],
  ['AL-004', 'SN-009', 'DA-003'],
  ['DR-009', 'DR-001'],
  ['FR-001', 'CO-004'],
  ['TE-001', 'TE-002'],
  ['GO-006', 'CO-009'],
]
