// What a household search matches, for the list and the picker alike: a full ID number through
// its blind index (the number itself is stored only encrypted), or else part of the 户主 name, of
// the 户编号 (whatever its case) or of the 所在组, taken literally.
import { idNumberProblem } from '../../../common/personal-data'
import type { Prisma } from '../../generated/prisma/client'
import type { ServiceContext } from '../service-context'
import { containsText } from '../text-match'

export const householdSearchWhere = (ctx: ServiceContext, search: string): Prisma.HouseholdWhereInput => {
  const idNumber = search.toUpperCase()
  if (!idNumberProblem(idNumber)) return { idNumberHash: { in: ctx.crypto.blindIndexes(idNumber, 'idNumber') } }
  return {
    OR: [
      { headName: containsText(search) },
      { code: containsText(search, 'insensitive') },
      { groupName: containsText(search) },
    ],
  }
}
