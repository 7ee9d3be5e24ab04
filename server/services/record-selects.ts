// The small pieces that many records' `select`s share, so that a household, a person or a goods
// line is read, and shown, the same way wherever it appears.
import type { Prisma } from '../generated/prisma/client'
import { extend } from '../lib/extend'
import { toFen } from '../lib/fen'

/** A household named on another record (a visit, a donation, a need): 户主 and 户编号. */
export const householdRefSelect = { id: true, code: true, headName: true } satisfies Prisma.HouseholdSelect

/** A person named on a record: a cadre, a visitor, whoever is responsible. */
export const userRefSelect = { id: true, displayName: true } satisfies Prisma.UserSelect

/** A goods line (米/面/油 …): the same columns for a visit's goods and a donation's. */
export const goodsLineSelect = {
  item: true,
  quantity: true,
  unit: true,
  unitValueFen: true,
  valueFen: true,
} satisfies Prisma.VisitGoodsSelect & Prisma.DonationGoodsSelect

/** A goods line with its values as fen. */
export const toGoodsLine = <G extends { unitValueFen: bigint; valueFen: bigint }>(line: G) =>
  extend(line, { unitValueFen: toFen(line.unitValueFen), valueFen: toFen(line.valueFen) })
