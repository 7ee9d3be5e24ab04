// The households of the 前跃村 story (story.ts) as their cadres record them: five in 前跃村, from the
// 防返贫 system's categories, and one in the neighbouring 上滩村. Names are the story's; ID numbers
// and phones are made up (fake-identity.ts).
import type { THouseholdMemberInput } from '../../common/contracts/household/household-fields'
import { fakeIdNumber, fakePhone } from './fake-identity'

/** A member as the form records one: able to work, not in school, healthy unless said otherwise. */
const member = (
  m: Partial<THouseholdMemberInput> & Pick<THouseholdMemberInput, 'name' | 'relationship'>,
): THouseholdMemberInput => ({
  laborCapacity: 'ABLE',
  schoolStatus: 'NOT_IN_SCHOOL',
  health: { status: 'HEALTHY', detail: null },
  ...m,
})

/** 前跃村's households in the story. 马德林 is the villager quoted in the report. */
export const QIANYUE_HOUSEHOLDS = [
  {
    code: 'QY-001',
    headName: '马德林',
    idNumber: fakeIdNumber('1952-03-14', 11),
    phone: fakePhone(1),
    groupName: '一社',
    category: 'UNSTABLE_ALLEVIATED',
    incomePerCapitaFen: 780_000,
    helpMeasures: ['HEALTH', 'SOCIAL_SECURITY'],
    risks: [{ code: 'ILLNESS', identifiedMonth: '202306', isEliminated: false }],
    members: [
      member({
        name: '马德林',
        relationship: 'HEAD',
        idNumber: fakeIdNumber('1952-03-14', 11),
        laborCapacity: 'PARTIAL',
        health: { status: 'CHRONIC_ILLNESS', detail: '高血压，长期服药' },
      }),
      member({
        name: '马秀英',
        relationship: 'SPOUSE',
        idNumber: fakeIdNumber('1955-08-02', 22),
        laborCapacity: 'PARTIAL',
        health: { status: 'CHRONIC_ILLNESS', detail: '关节炎' },
      }),
    ],
  },
  {
    code: 'QY-002',
    headName: '李桂兰',
    idNumber: fakeIdNumber('1961-11-20', 42),
    phone: fakePhone(2),
    groupName: '二社',
    category: 'DIBAO',
    incomePerCapitaFen: 620_000,
    helpMeasures: ['SOCIAL_SECURITY', 'EDUCATION'],
    risks: [{ code: 'LABOR_SHORTAGE', identifiedMonth: '202209', isEliminated: false }],
    members: [
      member({
        name: '李桂兰',
        relationship: 'HEAD',
        idNumber: fakeIdNumber('1961-11-20', 42),
        laborCapacity: 'LOST',
        health: { status: 'DISABLED', detail: '腿部残疾' },
      }),
      member({
        name: '李小军',
        relationship: 'GRANDCHILD',
        idNumber: fakeIdNumber('2013-05-09', 31),
        laborCapacity: 'NONE',
        schoolStatus: 'JUNIOR_HIGH',
      }),
    ],
  },
  {
    code: 'QY-003',
    headName: '韩永福',
    idNumber: fakeIdNumber('1968-01-30', 53),
    phone: fakePhone(3),
    groupName: '二社',
    category: 'MARGINAL',
    incomePerCapitaFen: 950_000,
    helpMeasures: ['HEALTH', 'EMPLOYMENT'],
    risks: [{ code: 'DISABILITY', identifiedMonth: '202401', isEliminated: false }],
    members: [
      member({
        name: '韩永福',
        relationship: 'HEAD',
        idNumber: fakeIdNumber('1968-01-30', 53),
        laborCapacity: 'LOST',
        health: { status: 'SEVERELY_DISABLED', detail: '下肢瘫痪' },
      }),
      member({
        name: '韩玉梅',
        relationship: 'SPOUSE',
        idNumber: fakeIdNumber('1970-06-18', 64),
        workInfo: '县城餐馆务工',
      }),
      member({
        name: '韩明',
        relationship: 'SON',
        idNumber: fakeIdNumber('1995-09-01', 71),
        workInfo: '西宁建筑工地务工',
      }),
    ],
  },
  {
    code: 'QY-004',
    headName: '祁有才',
    idNumber: fakeIdNumber('1975-04-12', 95),
    phone: fakePhone(4),
    groupName: '三社',
    category: 'SUDDEN_HARDSHIP',
    incomePerCapitaFen: 1_050_000,
    helpMeasures: ['HOUSING_REPAIR'],
    risks: [{ code: 'DISASTER', identifiedMonth: '202408', isEliminated: false }],
    members: [
      member({ name: '祁有才', relationship: 'HEAD', idNumber: fakeIdNumber('1975-04-12', 95) }),
      member({ name: '祁兰花', relationship: 'SPOUSE', idNumber: fakeIdNumber('1978-10-05', 86) }),
    ],
  },
  {
    code: 'QY-005',
    headName: '星占林',
    idNumber: fakeIdNumber('1948-12-01', 17),
    phone: null,
    groupName: '三社',
    category: 'TEKUN',
    incomePerCapitaFen: 560_000,
    helpMeasures: ['SOCIAL_SECURITY'],
    risks: [
      {
        code: 'ILLNESS',
        identifiedMonth: '202103',
        isEliminated: true,
        eliminatedMonth: '202312',
        eliminationMethod: 'ASSISTED',
      },
      { code: 'LABOR_SHORTAGE', identifiedMonth: '202103', isEliminated: false },
    ],
    members: [
      member({
        name: '星占林',
        relationship: 'HEAD',
        idNumber: fakeIdNumber('1948-12-01', 17),
        laborCapacity: 'NONE',
        health: { status: 'SERIOUS_ILLNESS', detail: '慢性肾病' },
      }),
    ],
  },
] as const

/** A household in the neighbouring village, which 前跃村's cadre must not see. */
export const SHANGTAN_HOUSEHOLD = {
  code: 'ST-001',
  headName: '何长寿',
  idNumber: fakeIdNumber('1958-07-07', 33),
  phone: fakePhone(11),
  category: 'DIBAO',
  members: [
    member({
      name: '何长寿',
      relationship: 'HEAD',
      idNumber: fakeIdNumber('1958-07-07', 33),
      health: { status: 'CHRONIC_ILLNESS', detail: '糖尿病' },
    }),
  ],
} as const
