// The words generated rows are made of: names of people and places, and the phrases cadres write
// in their 台账. Place names below the prefecture are made up; none is a real county or village.
import type { HealthStatus, NeedCategory } from '../../common/enums'
import type { Random } from './random'

/** Common surnames in Qinghai's farming areas (Han, Hui, Tu, Tibetan families), most frequent first. */
// biome-ignore format: a word list
const SURNAMES = [
  '马', '李', '王', '张', '韩', '祁', '刘', '赵', '陈', '杨', '何', '星', '冶', '喇', '朱', '孙', '周', '吴', '徐', '胡',
  '郭', '罗', '高', '林', '谢', '鲁', '铁', '沈', '白', '唐', '宋', '许', '邓', '冯', '曹', '彭', '曾', '萧', '田', '董',
]

const GIVEN_MALE = '建国永福德林有才长寿明军强平伟文华生海龙成山忠义国庆玉宝发财学东振兴志刚春林'
const GIVEN_FEMALE = '秀英桂兰玉梅兰花丽芳红霞秀珍春梅小燕海燕金花淑琴翠英玉兰凤英晓敏雪梅'

export const surname = (random: Random) =>
  SURNAMES[Math.min(SURNAMES.length - 1, Math.floor(SURNAMES.length * random.next() ** 2))] as string

const givenName = (random: Random, isMale: boolean) => {
  const chars = isMale ? GIVEN_MALE : GIVEN_FEMALE
  const one = () => chars[random.int(0, chars.length - 1)] as string
  return random.chance(0.8) ? one() + one() : one()
}

export const personName = (random: Random, isMale: boolean, family?: string) =>
  (family ?? surname(random)) + givenName(random, isMale)

/** Qinghai's eight prefecture-level units and their 4-digit codes. */
export const CITIES = [
  { name: '西宁市', code: '6301' },
  { name: '海东市', code: '6302' },
  { name: '海北州', code: '6322' },
  { name: '黄南州', code: '6323' },
  { name: '海南州', code: '6325' },
  { name: '果洛州', code: '6326' },
  { name: '玉树州', code: '6327' },
  { name: '海西州', code: '6328' },
] as const

const PLACE_FIRST = '上下东西南北前后大小新红青金白黑长高平安宁和丰河湾沟'
const PLACE_SECOND = '滩川塬山沟坪台庄堡湾泉峡岭源寨城林家水坡'

/** A made-up two- or three-character place name, unique within `taken`. */
export const placeName = (random: Random, taken: Set<string>) => {
  for (;;) {
    const first = PLACE_FIRST[random.int(0, PLACE_FIRST.length - 1)] as string
    const second = PLACE_SECOND[random.int(0, PLACE_SECOND.length - 1)] as string
    const name = random.chance(0.25)
      ? `${first}${PLACE_SECOND[random.int(0, PLACE_SECOND.length - 1)]}${second}`
      : first + second
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
}

export const GROUP_NAMES = ['一社', '二社', '三社', '四社', '五社', '六社', '七社', '八社'] as const

/** Organ branches that pair with villages (帮扶联点): the city's and the county's bureaus. */
export const CITY_BUREAUS = ['司法局', '民政局', '卫生健康委员会', '农业农村局'] as const
export const COUNTY_BUREAUS = ['司法局', '民政局', '乡村振兴局'] as const

export const HEALTH_DETAILS: Record<HealthStatus, readonly string[]> = {
  HEALTHY: ['身体健康'],
  CHRONIC_ILLNESS: ['高血压，长期服药', '糖尿病', '关节炎', '慢性支气管炎', '冠心病', '腰椎间盘突出'],
  DISABLED: ['腿部残疾', '听力残疾', '视力残疾', '手部残疾'],
  SEVERELY_DISABLED: ['下肢瘫痪', '智力残疾', '双目失明', '肢体一级残疾'],
  SERIOUS_ILLNESS: ['慢性肾病', '恶性肿瘤术后', '尿毒症透析', '白血病'],
}

export const WORK_INFO = [
  '西宁建筑工地务工',
  '县城餐馆务工',
  '省外电子厂务工',
  '本村养殖合作社',
  '县城保洁员',
  '外出开货车',
  '本地公益性岗位',
  '拉面店务工',
] as const

export const LIVING_CONDITIONS = [
  '老两口独居，子女在外务工',
  '与孙子同住，孙子在读书',
  '房屋较旧，冬季取暖靠烧煤',
  '家中有病人需长期照料',
  '收入主要靠低保和养殖',
  '住房已改造，生活基本稳定',
  '一家人靠务工收入维持生活',
  '去年受灾，房屋已部分修缮',
] as const

export const DIFFICULTIES = [
  '看病取药路远',
  '孩子上学费用开支大',
  '出行困难',
  '修缮资金仍有缺口',
  '缺少劳动力，农活无人干',
  '冬季取暖用煤不足',
  '养殖缺少启动资金',
  '务工不稳定，收入不固定',
] as const

export const VISIT_HEALTH_NOTES = [
  '血压偏高，精神尚好',
  '腿脚不便',
  '卧床，需人照顾',
  '身体健康',
  '咳嗽较重，已就医',
] as const

export const THEMES = [
  '学习贯彻党的二十大精神',
  '重温入党誓词 坚定理想信念',
  '情系帮扶联点村 走访慰问暖民心',
  '学习党章党规 争做合格党员',
  '乡村振兴 党员先行',
  '为民办实事 解民忧',
  '弘扬雷锋精神 志愿服务进村',
  '清明祭英烈 传承红色基因',
  '庆七一 颂党恩',
  '防汛抗旱 党员冲在前',
  '冬季送温暖 入户访民情',
  '学习新思想 建功新时代',
] as const

export const ABSENCE_REASONS = ['病假', '外出务工', '外出参加培训', '事假', '照顾病人', '在外地出差'] as const

export const GOODS = [
  { item: '大米', unit: '袋', unitValueFen: 10_000 },
  { item: '面粉', unit: '袋', unitValueFen: 7_500 },
  { item: '食用油', unit: '桶', unitValueFen: 5_000 },
  { item: '棉被', unit: '床', unitValueFen: 20_000 },
  { item: '牛奶', unit: '箱', unitValueFen: 6_000 },
  { item: '鸡蛋', unit: '箱', unitValueFen: 4_500 },
  { item: '取暖煤', unit: '吨', unitValueFen: 90_000 },
  { item: '羽绒服', unit: '件', unitValueFen: 30_000 },
  { item: '书包文具', unit: '套', unitValueFen: 8_000 },
] as const

export const OUTSIDE_DONORS = [
  '青海河湟商贸有限公司',
  '西宁高原牧业有限公司',
  '青海雪域建设工程有限公司',
  '湟中区个体工商户协会',
  '青海三江源慈善基金会',
  '爱心人士',
] as const

export const NEED_TEXTS: Record<NeedCategory, readonly string[]> = {
  MEDICAL: ['需要办理慢性病门诊报销', '需要一台轮椅', '希望上门健康体检', '大病医疗费用报销咨询'],
  HOUSING: ['房屋屋顶漏雨，需要维修', '危房改造申请', '院墙倒塌需修复'],
  EMPLOYMENT: ['希望介绍就近务工岗位', '申请公益性岗位', '参加技能培训'],
  EDUCATION: ['孩子上学申请助学金', '雨露计划补助申请'],
  SUPPLIES: ['冬季取暖用煤不足', '缺少过冬棉被', '需要米面油'],
  FUNDS: ['申请临时救助', '产业发展小额贷款咨询'],
  CORRECTION: ['家庭成员信息有误，申请更正'],
  OTHER: ['自来水管冻裂', '村道路灯损坏'],
}

export const RESPONSIBLE_UNITS = [
  '县住房和城乡建设局',
  '县医疗保障局',
  '县人力资源和社会保障局',
  '县民政局',
  '乡人民政府',
  '县教育局',
] as const

export const STEP_NOTES = {
  HANDLED_DIRECTLY: ['村委会协调', '驻村工作队直接办理'],
  IN_PROGRESS: ['已开始办理', '正在联系落实'],
  RESOLVED: ['已办结', '已送达物资', '已协调解决'],
  FOLLOWED_UP: ['电话回访，群众满意', '入户回访'],
  REJECTED: ['不符合政策条件，已解释', '重复提交，已合并办理'],
} as const
