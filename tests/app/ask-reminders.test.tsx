// 待办提醒 on 我的: in the mini-program the tap asks WeChat for one grant of the reminder template
// and records it only when accepted; H5 asks nothing (reminders come through the mini-program).

import Taro from '@tarojs/taro'
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isReminded } from '../../src/components/ReminderCell'
import { askReminders, HAS_REMINDERS } from '../../src/lib/reminders/ask-reminders'
import * as h5 from '../../src/lib/reminders/ask-reminders.h5'
import MinePage from '../../src/pages/mine/index'
import { renderAs, SECRETARY } from './admin-fixtures'
import type { ApiCall } from './render-with-api'
import { stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

const TEMPLATE = 'tmpl-reminder-0001'

const answerSubscribe = (answer: () => Promise<unknown>) => {
  const spy = vi.fn(answer)
  Object.defineProperty(Taro, 'requestSubscribeMessage', { value: spy, configurable: true, writable: true })
  return spy
}

afterEach(() => {
  Reflect.deleteProperty(Taro, 'requestSubscribeMessage')
})

describe('askReminders', () => {
  it('asks for the reminder template and records the grant when accepted', async () => {
    const spy = answerSubscribe(async () => ({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept' }))
    const record = vi.fn(async () => ({ recorded: 1 }))
    expect(await askReminders(TEMPLATE, record)).toBe('recorded')
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [TEMPLATE] }))
    expect(record).toHaveBeenCalledWith([TEMPLATE])
  })

  it('records nothing when refused or when WeChat fails, and says when the grant could not be recorded', async () => {
    const record = vi.fn(async () => ({ recorded: 1 }))
    answerSubscribe(async () => ({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'reject' }))
    expect(await askReminders(TEMPLATE, record)).toBe('refused')
    answerSubscribe(async () => {
      throw { errCode: 20004, errMsg: 'requestSubscribeMessage:fail' }
    })
    expect(await askReminders(TEMPLATE, record)).toBe('refused')
    expect(record).not.toHaveBeenCalled()
    answerSubscribe(async () => ({ [TEMPLATE]: 'accept' }))
    expect(
      await askReminders(TEMPLATE, async () => {
        throw new Error('offline')
      }),
    ).toBe('unrecorded')
  })

  it('is offered to cadres and secretaries; on H5 nothing is asked', async () => {
    expect(isReminded(['CADRE'])).toBe(true)
    expect(isReminded(['SECRETARY', 'MEMBER'])).toBe(true)
    expect(isReminded(['ADMIN'])).toBe(false)
    expect(isReminded(['RESIDENT'])).toBe(false)
    expect(HAS_REMINDERS).toBe(true)
    expect(h5.HAS_REMINDERS).toBe(false)
    const spy = answerSubscribe(async () => ({ [TEMPLATE]: 'accept' }))
    const record = vi.fn(async () => ({}))
    expect(await h5.askReminders(TEMPLATE, record)).toBe('refused')
    expect(spy).not.toHaveBeenCalled()
    expect(record).not.toHaveBeenCalled()
  })
})

describe('开启待办提醒 on 我的', () => {
  it('asks WeChat for the reminder template on the tap and records the grant', async () => {
    const calls: ApiCall[] = []
    renderAs(SECRETARY, <MinePage />, (call) => {
      calls.push(call)
      if (call.path === 'notice.templates') return { data: { needStatus: null, reminder: TEMPLATE } }
      if (call.path === 'notice.recordGrants') return { data: { recorded: 1 } }
      return undefined
    })
    const cell = await screen.findByText('开启待办提醒')
    const spy = answerSubscribe(async () => ({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept' }))
    await act(async () => fireEvent.click(cell))
    await waitFor(() => expect(calls.some((c) => c.path === 'notice.recordGrants')).toBe(true))
    expect(spy).toHaveBeenCalledTimes(1)
    expect(calls.find((c) => c.path === 'notice.recordGrants')?.input).toMatchObject({ templateIds: [TEMPLATE] })
  })
})
