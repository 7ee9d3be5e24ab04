// The writes of the app's mix, as the load and capacity measures send them: a cash donation to a
// village, and a need of one of its households, each with a fresh clientMutationId.
import { randomUUID } from 'node:crypto'
import type { ApiClient } from '../tests/reliability/server-process'

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T

export const createDonation = (secretary: ApiClient, villageId: string) =>
  secretary.donation.create.mutate({
    clientMutationId: randomUUID(),
    donorName: '压测捐赠人',
    recipientKind: 'VILLAGE',
    villageId,
    kind: 'CASH',
    amountFen: 10_000,
    goods: [],
    receivedOn: '2025-02-20',
  })

export const createNeed = (cadre: ApiClient, householdIds: readonly string[]) =>
  cadre.need.create.mutate({
    clientMutationId: randomUUID(),
    householdId: pick(householdIds),
    category: 'SUPPLIES',
    description: '压测诉求：冬季取暖煤',
  })
