// The resident's "tell me when it is handled" on 提交诉求: the mini-program asks WeChat for a
// one-time subscribe grant of the configured template, and keeps only what was accepted; H5
// asks nothing.
import Taro from '@tarojs/taro'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { askNeedNotices } from '../../src/package-resident/submit-need/ask-need-notices'
import { askNeedNotices as askOnH5 } from '../../src/package-resident/submit-need/ask-need-notices.h5'

const TEMPLATE = 'tmpl-need-status-0001'

const answerSubscribe = (answer: () => Promise<unknown>) => {
  const spy = vi.fn(answer)
  Object.defineProperty(Taro, 'requestSubscribeMessage', { value: spy, configurable: true, writable: true })
  return spy
}

afterEach(() => {
  Reflect.deleteProperty(Taro, 'requestSubscribeMessage')
})

describe('askNeedNotices', () => {
  it('asks for the template and returns it when the resident accepts', async () => {
    const spy = answerSubscribe(async () => ({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'accept' }))
    expect(await askNeedNotices(TEMPLATE)).toEqual([TEMPLATE])
    expect(spy).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [TEMPLATE] }))
  })

  it('returns nothing when the resident refuses, WeChat bans the template, or the call fails', async () => {
    answerSubscribe(async () => ({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'reject' }))
    expect(await askNeedNotices(TEMPLATE)).toEqual([])
    answerSubscribe(async () => ({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE]: 'ban' }))
    expect(await askNeedNotices(TEMPLATE)).toEqual([])
    answerSubscribe(async () => {
      throw { errCode: 20004, errMsg: 'requestSubscribeMessage:fail' }
    })
    expect(await askNeedNotices(TEMPLATE)).toEqual([])
  })

  it('asks nothing when the server names no template, nor ever on H5', async () => {
    const spy = answerSubscribe(async () => ({ [TEMPLATE]: 'accept' }))
    expect(await askNeedNotices(null)).toEqual([])
    expect(await askOnH5(TEMPLATE)).toEqual([])
    expect(spy).not.toHaveBeenCalled()
  })
})
