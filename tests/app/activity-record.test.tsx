// The printable 主题党日活动记录: from one activity.record call it lays out the paper sheet's
// sections, the absentees with their reasons, the visits (a household out of the reader's scope
// unnamed), the donations with their 合计, and on H5 a 打印 button that opens the print dialog.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RouterOutputs } from '../../src/lib/api-types'
import { ActivityRecordView } from '../../src/package-activity/record/ActivityRecordSheet'
import { STORY_RECORD_ATTENDANCE } from '../helpers/story-record'
import { type ApiAnswer, type ApiCall, renderWithApi } from './render-with-api'

// The H5 build resolves print-page.h5.ts; vitest resolves the mini-program's file unless told.
vi.mock('../../src/lib/print-page', () => import('../../src/lib/print-page.h5'))

const ID = '01940000-0000-7000-8000-000000000001'
const rice = { item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000, valueFen: 10_000 }

const RECORD: RouterOutputs['activity']['record'] = {
  id: ID,
  kind: 'THEMED_PARTY_DAY',
  theme: '情系帮扶联点村 走访慰问暖民心',
  heldOn: '2025-01-23',
  status: 'PUBLISHED',
  place: '前跃村村委会',
  summary: '入户走访困难群众，送去米、面、油和慰问金。',
  village: { id: 'v1', name: '前跃村', township: '良教乡', county: '大通县' },
  organiserOrg: { id: 'o1', name: '西宁市司法局机关党支部' },
  orgs: [
    { id: 'o1', name: '西宁市司法局机关党支部' },
    { id: 'o2', name: '青海昆仑律师事务所党支部' },
  ],
  attendance: STORY_RECORD_ATTENDANCE,
  visits: [
    {
      id: 'visit-1',
      target: 'HOUSEHOLD',
      visitedOn: '2025-01-23',
      cashFen: 50_000,
      goodsValueFen: 10_000,
      household: { id: 'h1', code: 'QY-003', headName: '韩永福' },
      isHouseholdHidden: false,
      cadre: null,
      visitors: ['张丽'],
      livingConditions: '妻子和儿子外出务工',
      difficulties: '出行困难',
      goods: [rice],
      needCount: 1,
      needs: [{ category: 'MEDICAL', description: '需要一台轮椅' }],
    },
    {
      id: 'visit-2',
      target: 'HOUSEHOLD',
      visitedOn: '2025-01-23',
      cashFen: 50_000,
      goodsValueFen: 10_000,
      household: null,
      isHouseholdHidden: true,
      cadre: null,
      visitors: ['张丽'],
      livingConditions: null,
      difficulties: null,
      goods: [rice],
      needCount: 0,
      needs: [],
    },
  ],
  donations: [
    {
      id: 'd1',
      donorName: '西宁市司法局机关党支部',
      kind: 'GOODS',
      amountFen: 800_000,
      recipientKind: 'VILLAGE',
      receivedOn: '2025-01-23',
      note: null,
      household: null,
      cadre: null,
      goods: [{ item: '大米', quantity: 40, unit: '袋', unitValueFen: 10_000, valueFen: 400_000 }],
    },
    {
      id: 'd2',
      donorName: '青海昆仑律师事务所党支部',
      kind: 'CASH',
      amountFen: 3_600_000,
      recipientKind: 'VILLAGE',
      receivedOn: '2025-01-23',
      note: '慰问金',
      household: null,
      cadre: null,
      goods: [],
    },
  ],
  totals: {
    cashFen: 3_600_000,
    goodsValueFen: 800_000,
    totalFen: 4_400_000,
    donationCount: 2,
    visitCount: 2,
    householdsVisited: 2,
    handedOverCashFen: 100_000,
    handedOverGoodsValueFen: 20_000,
    needsRaised: 1,
  },
  recordedBy: '王建国',
  recordedOn: '2025-01-23',
}

const answer = (call: ApiCall): ApiAnswer => (call.path === 'activity.record' ? { data: RECORD } : { data: null })

afterEach(() => vi.restoreAllMocks())

describe('主题党日活动记录', () => {
  it('asks activity.record once and lays out the sheet’s sections', async () => {
    const { calls } = renderWithApi(<ActivityRecordView id={ID} />, answer)
    await waitFor(() => expect(screen.getByText('主题党日活动记录')).toBeTruthy())
    expect(calls).toEqual([{ path: 'activity.record', input: { id: ID } }])
    for (const section of ['参加人员', '缺席人员及原因', '走访情况', '捐赠情况', '活动小结']) {
      expect(screen.getByText(section), section).toBeTruthy()
    }
    expect(screen.getByText('情系帮扶联点村 走访慰问暖民心')).toBeTruthy()
    expect(screen.getByText('2025年1月23日')).toBeTruthy()
    expect(screen.getByText('大通县良教乡前跃村 · 前跃村村委会')).toBeTruthy()
    expect(screen.getByTestId('record-attendance').textContent).toBe('应到 20 人，实到 18 人，缺席 2 人')
    expect(screen.getByText('外出参加全省律师培训')).toBeTruthy()
    expect(screen.getByText('入户走访困难群众，送去米、面、油和慰问金。')).toBeTruthy()
    expect(screen.getByText('记录人：王建国')).toBeTruthy()
  })

  it('names a visible household with what was found, handed over and asked for; an unseen one not at all', async () => {
    renderWithApi(<ActivityRecordView id={ID} />, answer)
    await waitFor(() => expect(screen.getByText('困难群众户 韩永福（QY-003）')).toBeTruthy())
    expect(screen.getByText('家庭生活情况：妻子和儿子外出务工；实际困难：出行困难')).toBeTruthy()
    expect(screen.getAllByText('大米 1袋；慰问金 ¥500.00')).toHaveLength(2)
    expect(screen.getByText('医疗：需要一台轮椅')).toBeTruthy()
    expect(screen.getByText('困难群众户（不在您的查看范围）')).toBeTruthy()
  })

  it('ends the donations with a 合计 row of the totals, in yuan', async () => {
    renderWithApi(<ActivityRecordView id={ID} />, answer)
    const total = await screen.findByTestId('record-total')
    expect(within(total).getByText('合计')).toBeTruthy()
    expect(within(total).getByText('¥44,000.00')).toBeTruthy()
    expect(within(total).getByText('慰问金 ¥36,000.00；物资折价 ¥8,000.00')).toBeTruthy()
    expect(screen.getByText('大米 40袋（¥4,000.00）')).toBeTruthy()
    expect(screen.getByText('¥36,000.00')).toBeTruthy()
  })

  it('prints on H5 from its 打印 button', async () => {
    const print = vi.spyOn(window, 'print').mockImplementation(() => {})
    renderWithApi(<ActivityRecordView id={ID} />, answer)
    fireEvent.click(await screen.findByText('打印'))
    expect(print).toHaveBeenCalledOnce()
  })

  it('says why when the record cannot be seen', async () => {
    renderWithApi(<ActivityRecordView id={ID} />, () => ({
      error: {
        message: '记录不存在，或不在您的管辖范围内',
        data: { code: 'NOT_FOUND', httpStatus: 404, appCode: 'NOT_FOUND' },
      },
    }))
    await waitFor(() => expect(screen.getByText(/不在您的管辖范围内/)).toBeTruthy())
    expect(screen.queryByText('主题党日活动记录')).toBeNull()
  })
})
