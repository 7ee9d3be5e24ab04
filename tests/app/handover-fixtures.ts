// A handover as handover.list and handover.mine answer it: 马德林's rice and ¥500, 待签收, unless
// the test says otherwise.
import type { RouterOutputs } from '../../src/lib/api-types'

/** The activity the handovers belong to, unless a test says otherwise. */
export const HANDOVER_ACTIVITY = '01940000-0000-7000-8000-000000000001'

export type Handover = RouterOutputs['handover']['list']['items'][number]
export const handover = (over: Partial<Handover> = {}): Handover => ({
  id: 'h1',
  version: 1,
  recipientKind: 'HOUSEHOLD',
  villageId: 'v1',
  activityId: HANDOVER_ACTIVITY,
  visitId: null,
  handedOverOn: '2025-01-23',
  cashFen: 50_000,
  goodsValueFen: 10_000,
  totalFen: 60_000,
  note: null,
  state: 'PENDING',
  confirmedAt: null,
  confirmation: null,
  disputeNote: null,
  disputeNeedId: null,
  voidedAt: null,
  voidReason: null,
  createdAt: new Date('2025-01-23T08:00:00Z'),
  isVoided: false,
  household: { id: 'hh1', code: 'QY-001', headName: '马德林' },
  cadre: null,
  handedOverBy: { id: 'u1', displayName: '王建国' },
  goods: [{ item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000, valueFen: 10_000 }],
  draws: [],
  ...over,
})
