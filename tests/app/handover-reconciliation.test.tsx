// 捐赠对账 and 发放签收记录 of an activity: the balance to the fen and per item, each donor's, and
// each handover's recipient, what they received and its 签收 state.
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RouterOutputs } from '../../src/lib/api-types'
import { DonationBalance } from '../../src/package-donation/detail/DonationBalance'
import { HandoverList } from '../../src/package-handover/list/HandoverList'
import { ReconciliationView } from '../../src/package-handover/reconciliation/ReconciliationView'
import { HANDOVER_ACTIVITY, handover } from './handover-fixtures'
import { type ApiCall, renderWithApi } from './render-with-api'

const ACTIVITY = HANDOVER_ACTIVITY
const rice = (quantity: number) => ({ item: '大米', unit: '袋', quantity, valueFen: quantity * 10_000 })
const figures = (cashFen: number, riceBags: number) => ({
  cashFen,
  goodsValueFen: riceBags * 10_000,
  totalFen: cashFen + riceBags * 10_000,
  goods: [rice(riceBags)],
})

type Reconciliation = RouterOutputs['donation']['reconciliation']
const group = (key: string, label: string): Reconciliation['byDonor']['items'][number] => ({
  key,
  label,
  received: figures(600_000, 0),
  handedOver: figures(550_000, 0),
  balance: figures(50_000, 0),
  handoverCount: 11,
  recipientCount: 5,
  donationCount: 1,
  scope: { activityId: ACTIVITY, donorOrgId: key },
  handoverFilter: null,
})
const DONATION: Reconciliation['donations']['items'][number] = {
  id: 'd1',
  donorName: '青海昆仑律师事务所党支部',
  donorOrgId: 'firm',
  kind: 'CASH',
  receivedOn: '2025-01-23',
  village: { id: 'v1', name: '前跃村' },
  activity: null,
  received: figures(600_000, 0),
  handedOver: figures(550_000, 0),
  balance: figures(50_000, 0),
  handoverCount: 11,
  recipientCount: 5,
}
const RECONCILIATION: Reconciliation = {
  donations: { items: [DONATION], nextCursor: null },
  totals: {
    received: figures(600_000, 40),
    handedOver: figures(550_000, 36),
    balance: figures(50_000, 4),
    handoverCount: 11,
    recipientCount: 5,
    donationCount: 1,
  },
  byActivity: { items: [], nextCursor: null, count: 0 },
  byVillage: { items: [], nextCursor: null, count: 0 },
  byDonor: { items: [group('firm', '青海昆仑律师事务所党支部')], nextCursor: null, count: 1 },
  recipients: null,
}

const answer = (call: ApiCall) => {
  if (call.path === 'donation.reconciliation') return { data: RECONCILIATION }
  if (call.path === 'handover.list')
    return {
      data: {
        items: [
          handover({ state: 'CONFIRMED' }),
          handover({ id: 'h2', household: null, state: 'DISPUTED', disputeNote: '只收到一袋面' }),
          handover({ id: 'h3', recipientKind: 'CADRE', household: null, cadre: { id: 'c1', displayName: '李振华' } }),
        ],
        nextCursor: null,
      },
    }
  return { data: null }
}

describe('捐赠对账', () => {
  it('shows received, handed over and the balance, per item and per donor, with the counts behind them', async () => {
    const { calls } = renderWithApi(<ReconciliationView of={{ activityId: ACTIVITY }} />, answer)
    await waitFor(() => expect(screen.getByTestId('balance-total').textContent).toBe('¥900.00'))
    // The screen asks for the one part it shows beside the totals.
    expect(calls).toEqual([{ path: 'donation.reconciliation', input: { activityId: ACTIVITY, parts: ['byDonor'] } }])
    expect(screen.getByText('¥10,000.00')).toBeTruthy()
    expect(screen.getByText('¥9,100.00')).toBeTruthy()
    expect(screen.getByText('收到 40袋，已发放 36袋')).toBeTruthy()
    expect(screen.getByText('结余 4袋')).toBeTruthy()
    expect(screen.getByText('青海昆仑律师事务所党支部')).toBeTruthy()
    expect(screen.getByText('结余 ¥500.00')).toBeTruthy()
    expect(screen.getByText('收到 ¥6,000.00，已发放 ¥5,500.00，11 次发放，5 户')).toBeTruthy()
    fireEvent.click(screen.getByText('青海昆仑律师事务所党支部'))
    await waitFor(() => expect(screen.getByText('2025年1月23日 慰问金')).toBeTruthy())
    expect(calls[1]).toEqual({
      path: 'donation.reconciliation',
      input: expect.objectContaining({ activityId: ACTIVITY, donorOrgId: 'firm', limit: 50, parts: ['donations'] }),
    })
  })

  it('counts every donor, and shows those after the first page once asked', async () => {
    const paged: Reconciliation = {
      ...RECONCILIATION,
      byDonor: { items: [group('firm', '青海昆仑律师事务所党支部')], nextCursor: 'firm', count: 2 },
    }
    const { calls } = renderWithApi(<ReconciliationView of={{ activityId: ACTIVITY }} />, (call) => {
      if (call.path === 'donation.reconciliation') return { data: paged }
      if (call.path === 'donation.reconciliationGroups')
        return { data: { items: [group('bureau', '西宁市城建局机关党支部')], nextCursor: null, count: 2 } }
      return { data: null }
    })
    await waitFor(() => expect(screen.getByText('按捐赠方（2）')).toBeTruthy())
    expect(screen.queryByText('西宁市城建局机关党支部')).toBeNull()
    fireEvent.click(screen.getByText('更多捐赠方'))
    await waitFor(() => expect(screen.getByText('西宁市城建局机关党支部')).toBeTruthy())
    expect(calls[1]).toEqual({
      path: 'donation.reconciliationGroups',
      input: expect.objectContaining({ activityId: ACTIVITY, by: 'donor', cursor: 'firm', limit: 20 }),
    })
    expect(screen.queryByText('更多捐赠方')).toBeNull()
  })
})

describe('捐赠去向 of a donor org', () => {
  it('shows what the org gave against what was handed over, village by village, each opening to its donations', async () => {
    const village = (key: string, label: string) => ({
      ...group(key, label),
      scope: { donorOrgId: 'firm', villageId: key },
      handoverFilter: { villageId: key },
    })
    const gave: Reconciliation = {
      ...RECONCILIATION,
      byDonor: null,
      byVillage: { items: [village('v1', '前跃村')], nextCursor: 'v1', count: 2 },
    }
    const { calls } = renderWithApi(<ReconciliationView of={{ donorOrgId: 'firm' }} />, (call) => {
      if (call.path === 'donation.reconciliation') return { data: gave }
      if (call.path === 'donation.reconciliationGroups')
        return { data: { items: [village('v2', '元墩子村')], nextCursor: null, count: 2 } }
      return { data: null }
    })
    await waitFor(() => expect(screen.getByTestId('balance-total').textContent).toBe('¥900.00'))
    // The one request the screen makes first: the totals and the villages, nothing else.
    expect(calls).toEqual([{ path: 'donation.reconciliation', input: { donorOrgId: 'firm', parts: ['byVillage'] } }])
    expect(screen.getByText('按村（2）')).toBeTruthy()
    expect(screen.queryByText(/按捐赠方/)).toBeNull()
    fireEvent.click(screen.getByText('前跃村'))
    await waitFor(() => expect(screen.getByText('2025年1月23日 慰问金')).toBeTruthy())
    expect(calls[1]).toEqual({
      path: 'donation.reconciliation',
      input: expect.objectContaining({ donorOrgId: 'firm', villageId: 'v1', limit: 50, parts: ['donations'] }),
    })
    fireEvent.click(screen.getByText('更多村'))
    await waitFor(() => expect(screen.getByText('元墩子村')).toBeTruthy())
    expect(calls[2]).toEqual({
      path: 'donation.reconciliationGroups',
      input: expect.objectContaining({ donorOrgId: 'firm', by: 'village', cursor: 'v1', limit: 20 }),
    })
  })
})

describe('发放签收记录', () => {
  it('names each recipient, what they received and its state; an unseen household unnamed', async () => {
    renderWithApi(<HandoverList activityId={ACTIVITY} />, answer)
    await waitFor(() => expect(screen.getByText('马德林（QY-001）')).toBeTruthy())
    expect(screen.getByText('已签收')).toBeTruthy()
    expect(screen.getByText('有异议')).toBeTruthy()
    expect(screen.getByText('待签收')).toBeTruthy()
    expect(screen.getByText('困难群众户（不在您的查看范围）')).toBeTruthy()
    expect(screen.getByText('驻村干部 李振华')).toBeTruthy()
    expect(screen.getByText('2025年1月23日 · 大米 1袋、慰问金 ¥500.00 · 异议：只收到一袋面')).toBeTruthy()
  })
})

describe('a donation’s balance', () => {
  it('shows what was handed over from it, what is left, and to whom', async () => {
    const recipient = {
      handoverId: 'h1',
      recipientKind: 'HOUSEHOLD',
      household: { id: 'hh1', code: 'QY-001', headName: '马德林' },
      cadre: null,
      handedOverOn: '2025-01-23',
      state: 'CONFIRMED',
      handedOver: figures(550_000, 0),
    }
    const { calls } = renderWithApi(<DonationBalance donationId="d1" />, (call) =>
      call.path === 'donation.reconciliation'
        ? { data: { ...RECONCILIATION, recipients: { items: [recipient], nextCursor: null } } }
        : { data: null },
    )
    await waitFor(() => expect(screen.getByTestId('donation-balance').textContent).toBe('¥500.00'))
    expect(calls).toEqual([
      {
        path: 'donation.reconciliation',
        input: expect.objectContaining({ donationId: 'd1', limit: 50, parts: ['donations'] }),
      },
    ])
    expect(screen.getByText('马德林')).toBeTruthy()
    expect(screen.getByText('11 次发放，5 户')).toBeTruthy()
    expect(screen.getAllByText('¥5,500.00')).toHaveLength(2)
    expect(screen.queryByText('更多受助户')).toBeNull()
  })
})
