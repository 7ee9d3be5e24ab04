// 待办提醒 on 我的: in the mini-program the tap asks WeChat for one grant of the reminder template
// and records it only when accepted; H5 asks nothing (reminders come through the mini-program).
import Taro from '@tarojs/taro'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isReminded } from '../../src/components/ReminderCell'
import { askReminders, HAS_REMINDERS } from '../../src/lib/reminders/ask-reminders'
import * as h5 from '../../src/lib/reminders/ask-reminders.h5'

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
