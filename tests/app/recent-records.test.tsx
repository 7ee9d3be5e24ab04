// 我最近的登记: the creates saved on this phone, newest first, three at most, named from what the
// pickers remember, for the account that saved them; each opens its record, or 待同步 while queued.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { rememberPick } from '../../src/lib/pickers/recent-picks'
import { recentRecords, recordPage, rememberRecord } from '../../src/lib/recent-records'
import { clearSession, saveSession } from '../../src/lib/session'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const signIn = (id: string) =>
  saveSession({ token: 't', expiresAt: new Date(Date.now() + 3_600_000), user: { id, roles: ['CADRE'] } })

const HOUSEHOLD = '0193f7a6-8b1c-7def-8123-456789abcdef'

afterEach(() => localStorage.clear())

describe('recent records', () => {
  it('names a visit by its day, household and goods, and opens it', () => {
    signIn('u1')
    rememberPick('household', { id: HOUSEHOLD, title: '马德林', detail: '户编号 QY-001' })
    rememberRecord('visit.create', 'v1', {
      visitedOn: '2026-12-07',
      target: 'HOUSEHOLD',
      householdId: HOUSEHOLD,
      goods: [{ item: '大米' }, { item: '面粉' }],
      cashFen: 50_000,
    })
    const [record] = recentRecords()
    expect(record?.label).toBe('登记走访 · 2026-12-07 马德林 大米、面粉 · 慰问金 ¥500.00')
    if (!record) return
    expect(recordPage(record, false)).toBe('/package-visit/detail/index?id=v1')
    expect(recordPage(record, true)).toBe('/package-sync/index/index')
  })

  it('keeps the newest three, once each, and none of another account’s or after sign-out', () => {
    signIn('u1')
    for (const id of ['n1', 'n2', 'n3', 'n4']) rememberRecord('need.create', id, { category: 'MEDICAL' })
    rememberRecord('need.create', 'n2', { category: 'HOUSING' })
    rememberRecord('need.transition', 'n9', {})
    expect(recentRecords().map((r) => r.id)).toEqual(['n2', 'n4', 'n3'])
    signIn('u2')
    expect(recentRecords()).toEqual([])
    signIn('u1')
    clearSession()
    signIn('u1')
    expect(recentRecords()).toEqual([])
  })
})
