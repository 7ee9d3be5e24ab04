// 捐赠: cash (慰问金) and goods (慰问物资, with their lines) from the organ branches paired with a
// village and from outside donors, to the village, its households or its 第一书记. A few are
// voided, with a reason, as mistakes are: never deleted.
import type { ActivitiesByMonth } from './activities'
import { monthStart } from './activities'
import { addRow, type Batch } from './bulk-insert'
import type { GeneratedHousehold } from './households'
import type { Branch, GeneratedVillage } from './org-tree'
import type { Random } from './random'
import { DAY, DONATIONS_PER_HOUSEHOLD, dateOnly, HISTORY_END, HISTORY_MONTHS, HISTORY_START } from './scale'
import { GOODS, OUTSIDE_DONORS, personName } from './vocabulary'

type Recipient = { kind: 'VILLAGE' | 'HOUSEHOLD' | 'CADRE'; household: GeneratedHousehold | null; from: number }

export const generateDonations = (
  batch: Batch,
  {
    random,
    village,
    households,
    activities,
    donors,
    adminId,
  }: {
    random: Random
    village: GeneratedVillage
    households: readonly GeneratedHousehold[]
    activities: ActivitiesByMonth
    /** The organ branches paired with the village. */
    donors: readonly Branch[]
    adminId: string
  },
) => {
  // Of all donations: 65% to households, 30% to the village, 5% to the resident cadre.
  const recipients: Recipient[] = []
  for (const household of households) {
    for (let n = random.poisson(DONATIONS_PER_HOUSEHOLD * 0.65); n > 0; n--)
      recipients.push({ kind: 'HOUSEHOLD', household, from: household.createdAt.getTime() })
  }
  for (let n = random.poisson(households.length * DONATIONS_PER_HOUSEHOLD * 0.3); n > 0; n--)
    recipients.push({ kind: 'VILLAGE', household: null, from: HISTORY_START })
  for (let n = random.poisson(households.length * DONATIONS_PER_HOUSEHOLD * 0.05); n > 0; n--)
    recipients.push({ kind: 'CADRE', household: null, from: HISTORY_START })

  for (const recipient of recipients) {
    const m = random.int(0, HISTORY_MONTHS - 1)
    const linked = activities[m]?.filter((a) => a.heldOn >= recipient.from) ?? []
    const activity = linked.length && random.chance(0.3) ? random.pick(linked) : null
    const day =
      activity?.heldOn ??
      Math.max(
        Math.floor(recipient.from / DAY) * DAY,
        Math.min(monthStart(m) + random.int(0, 27) * DAY, Math.floor(HISTORY_END / DAY) * DAY),
      )
    const fromOrg = donors.length && random.chance(0.7) ? random.pick(donors) : null
    const outside = random.pick(OUTSIDE_DONORS)
    const donorName =
      fromOrg?.name ?? (outside === '爱心人士' ? `爱心人士${personName(random, random.chance(0.6))}` : outside)
    const isGoods = random.chance(0.45)
    const createdAt = new Date(Math.min(day + 9 * 3_600_000 + random.int(0, 28_800) * 1000, HISTORY_END))
    const id = random.uuid7(createdAt)
    let amount = 0
    if (isGoods) {
      const bulk = recipient.kind === 'VILLAGE'
      for (const goods of random.sample(GOODS, random.int(1, 4))) {
        const quantity = bulk ? random.int(10, 60) : random.int(1, 3)
        const value = quantity * goods.unitValueFen
        amount += value
        addRow(batch, 'DonationGoods', [
          random.uuid7(createdAt),
          id,
          goods.item,
          quantity,
          goods.unit,
          goods.unitValueFen,
          value,
        ])
      }
    } else {
      amount =
        recipient.kind === 'VILLAGE'
          ? random.int(4, 100) * 50_000
          : recipient.kind === 'CADRE'
            ? random.int(3, 10) * 10_000
            : random.int(2, 20) * 10_000
    }
    const isVoided = random.chance(0.015)
    const voidedAt = isVoided ? new Date(createdAt.getTime() + 2 * DAY) : null
    addRow(batch, 'Donation', [
      id,
      fromOrg?.id ?? null,
      donorName,
      recipient.kind,
      village.id,
      recipient.household?.id ?? null,
      recipient.kind === 'CADRE' ? (village.cadreIds[village.cadreIds.length - 1] as string) : null,
      activity?.id ?? null,
      isGoods ? 'GOODS' : 'CASH',
      amount,
      dateOnly(day),
      isGoods ? '慰问物资' : '慰问金',
      voidedAt,
      isVoided ? random.pick(['重复登记', '金额录入错误', '捐赠方撤回']) : null,
      isVoided ? adminId : null,
      createdAt,
      voidedAt ?? createdAt,
      fromOrg?.secretaryId ?? (village.cadreIds[0] as string),
    ])
  }
}
