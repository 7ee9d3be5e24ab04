// A village of 900 households, as two villages in three are at province scale: every 50th 户主 a
// 王秀英 (eighteen, the 850th among them), told apart by 户编号 and 所在组; the rest from common
// names. For the pickers' tests in the browser and in the mini-program.
const SURNAMES = '王李张刘陈杨赵黄周吴马韩'
const GIVEN = ['秀兰', '建国', '春燕', '桂兰', '德林', '永福', '玉珍', '海燕', '志强', '明']

/** The 850th household's 户编号, and what the picker shows under its name. */
export const TARGET_CODE = 'QY-0850'
export const TARGET_DESCRIPTION = '户编号 QY-0850 · 二社'

/** Rows for prisma.household.createMany. */
export const villageOf900 = (villageId: string) =>
  Array.from({ length: 900 }, (_, i) => ({
    villageId,
    code: `QY-${String(i + 1).padStart(4, '0')}`,
    headName: (i + 1) % 50 === 0 ? '王秀英' : `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
    groupName: `${'一二三四五六七八'[i % 8]}社`,
    category: 'MARGINAL' as const,
  }))
