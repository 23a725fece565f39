import type { GeoPoint } from '@outrider/domain'

export type District = {
  name: string
  centre: GeoPoint /** Spread of shops around the centre, km. */
  radiusKm: number
  roads: readonly string[]
}
export type City = { name: string; region: string; areaCode: string; districts: readonly District[] }

const d = (name: string, lat: number, lng: number, radiusKm: number, roads: string[]): District => ({
  name,
  centre: { lat, lng },
  radiusKm,
  roads,
})

/** Real district centres (approximate, WGS-84); shops are scattered within a few km of them. */
export const cities = {
  shanghai: {
    name: '上海市',
    region: '华东',
    areaCode: '021',
    districts: [
      d('徐汇区', 31.188, 121.437, 3, ['漕溪北路', '肇嘉浜路', '衡山路', '天钥桥路', '宜山路']),
      d('长宁区', 31.22, 121.424, 2.5, ['延安西路', '虹桥路', '天山路', '愚园路']),
      d('静安区', 31.229, 121.448, 2, ['南京西路', '常德路', '江宁路', '北京西路']),
      d('普陀区', 31.249, 121.397, 3, ['长寿路', '武宁路', '中山北路', '曹杨路']),
      d('闵行区', 31.113, 121.382, 4, ['沪闵路', '七莘路', '莘松路', '虹井路']),
      d('黄浦区', 31.231, 121.484, 2, ['淮海中路', '西藏南路', '中山南路', '复兴中路']),
      d('浦东新区', 31.222, 121.54, 5, ['世纪大道', '张杨路', '浦东南路', '东方路', '浦电路', '张江路']),
      d('杨浦区', 31.26, 121.526, 3, ['四平路', '大连路', '控江路', '国权路']),
      d('虹口区', 31.264, 121.505, 2, ['四川北路', '曲阳路', '临平路', '海伦路']),
    ],
  },
  hangzhou: {
    name: '杭州市',
    region: '华东',
    areaCode: '0571',
    districts: [
      d('上城区', 30.242, 120.171, 2.5, ['解放路', '延安路', '清泰街', '望江路']),
      d('拱墅区', 30.319, 120.142, 3, ['莫干山路', '湖墅南路', '上塘路', '大关路']),
      d('西湖区', 30.272, 120.125, 3, ['文三路', '文二路', '天目山路', '教工路']),
      d('滨江区', 30.208, 120.212, 3, ['江南大道', '滨盛路', '长河路', '江汉路']),
      d('余杭区', 30.28, 120.02, 4, ['文一西路', '五常大道', '良睦路', '余杭塘路']),
      d('萧山区', 30.162, 120.264, 4, ['市心路', '金城路', '人民路', '山阴路']),
    ],
  },
  suzhou: {
    name: '苏州市',
    region: '华东',
    areaCode: '0512',
    districts: [
      d('姑苏区', 31.311, 120.617, 2.5, ['人民路', '干将路', '观前街', '十全街']),
      d('苏州工业园区', 31.317, 120.723, 4, ['星湖街', '现代大道', '苏州大道东', '金鸡湖大道']),
      d('吴中区', 31.262, 120.632, 3.5, ['东吴北路', '宝带西路', '吴中大道', '越溪路']),
      d('相城区', 31.369, 120.642, 3.5, ['相城大道', '嘉元路', '采莲路', '华元路']),
      d('虎丘区', 31.296, 120.566, 3, ['长江路', '狮山路', '滨河路', '竹园路']),
    ],
  },
  guangzhou: {
    name: '广州市',
    region: '华南',
    areaCode: '020',
    districts: [
      d('越秀区', 23.129, 113.267, 2, ['北京路', '东风中路', '环市东路', '中山五路']),
      d('荔湾区', 23.126, 113.244, 2.5, ['中山八路', '康王中路', '芳村大道', '龙津西路']),
      d('海珠区', 23.084, 113.317, 3, ['江南大道中', '新港中路', '工业大道', '宝岗大道']),
      d('白云区', 23.165, 113.273, 4, ['机场路', '广园中路', '云城东路', '同和路']),
      d('天河区', 23.125, 113.361, 3.5, ['天河路', '体育东路', '中山大道西', '天河北路', '黄埔大道西']),
      d('番禺区', 22.938, 113.384, 4, ['迎宾路', '南大路', '番禺大道北', '繁华路']),
      d('黄埔区', 23.106, 113.459, 4, ['黄埔东路', '开创大道', '科学大道', '丰乐北路']),
    ],
  },
  shenzhen: {
    name: '深圳市',
    region: '华南',
    areaCode: '0755',
    districts: [
      d('福田区', 22.541, 114.055, 3, ['深南大道', '福华路', '华强北路', '益田路']),
      d('罗湖区', 22.548, 114.131, 2.5, ['人民南路', '东门中路', '宝安南路', '春风路']),
      d('南山区', 22.533, 113.93, 3.5, ['南海大道', '南山大道', '高新南一道', '工业八路']),
      d('宝安区', 22.555, 113.884, 4, ['宝安大道', '新安六路', '创业一路', '建安一路']),
      d('龙岗区', 22.721, 114.247, 4, ['龙岗大道', '龙城大道', '布吉路', '黄阁路']),
      d('龙华区', 22.697, 114.045, 3.5, ['人民路', '梅龙大道', '民治大道', '东环一路']),
    ],
  },
  dongguan: {
    name: '东莞市',
    region: '华南',
    areaCode: '0769',
    districts: [
      d('莞城街道', 23.044, 113.751, 2, ['运河东一路', '北正路', '可园北路', '光明路']),
      d('南城街道', 23.017, 113.752, 3, ['鸿福路', '宏图路', '莞太路', '元美路']),
      d('东城街道', 23.04, 113.785, 3, ['东城中路', '东纵大道', '莞樟路', '旗峰路']),
      d('虎门镇', 22.815, 113.673, 3.5, ['虎门大道', '连升路', '银龙路', '太沙路']),
      d('长安镇', 22.816, 113.804, 3, ['长青路', '德政路', '莲峰路', '振安路']),
      d('松山湖高新区', 22.92, 113.88, 4, ['松山湖大道', '工业东路', '科技十路', '新城路']),
    ],
  },
} as const satisfies Record<string, City>

export type CityKey = keyof typeof cities

/** Where each rep works: a city and, in cities with two reps, a split of its districts. */
export type Territory = { cityKey: CityKey; districts: readonly string[] }

export const teamPlans = [
  {
    id: 'team-east-1',
    name: '华东一组',
    region: '华东（上海、杭州、苏州）',
    territories: [
      { cityKey: 'shanghai', districts: ['徐汇区', '长宁区', '静安区', '普陀区', '闵行区'] },
      { cityKey: 'shanghai', districts: ['黄浦区', '浦东新区', '杨浦区', '虹口区'] },
      { cityKey: 'hangzhou', districts: cities.hangzhou.districts.map((x) => x.name) },
      { cityKey: 'suzhou', districts: cities.suzhou.districts.map((x) => x.name) },
    ],
  },
  {
    id: 'team-south-1',
    name: '华南一组',
    region: '华南（广州、深圳、东莞）',
    territories: [
      { cityKey: 'guangzhou', districts: ['越秀区', '荔湾区', '海珠区', '白云区'] },
      { cityKey: 'guangzhou', districts: ['天河区', '番禺区', '黄埔区'] },
      { cityKey: 'shenzhen', districts: cities.shenzhen.districts.map((x) => x.name) },
      { cityKey: 'dongguan', districts: cities.dongguan.districts.map((x) => x.name) },
    ],
  },
] as const satisfies readonly {
  id: string
  name: string
  region: string
  territories: readonly Territory[]
}[]

export function districtOf(cityKey: CityKey, name: string): District {
  const found = (cities[cityKey].districts as readonly District[]).find((x) => x.name === name)
  if (!found) throw new Error(`unknown district ${name} in ${cityKey}`)
  return found
}

/** A point scattered around a centre: offsets in km turned into degrees at that latitude. */
export function offsetKm(centre: GeoPoint, northKm: number, eastKm: number): GeoPoint {
  const lat = centre.lat + northKm / 110.574
  const lng = centre.lng + eastKm / (111.32 * Math.cos((centre.lat * Math.PI) / 180))
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 }
}
