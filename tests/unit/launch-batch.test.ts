// The launch's calls in one request (src/lib/launch-batch.ts): held until the last of them, sent as
// one tRPC batch, each given its own answer; fewer calls go once the running code is done, and
// anything it cannot batch goes as it came. Over real HTTP: tests/server/http.test.ts.
import { describe, expect, it } from 'vitest'
import { launchBatch } from '../../src/lib/launch-batch'
import type { TaroResponse, taroFetch } from '../../src/lib/taro-fetch'

type Sent = { url: string; body: unknown }

/** A fetch answering each request with `answer(url)` (200, JSON), noting what was sent. */
const standIn = (sent: Sent[], answer: (url: string) => { status?: number; text: string }) =>
  (async (input, init = {}) => {
    const url = String(input)
    sent.push({ url, body: init.body })
    const { status = 200, text } = answer(url)
    return {
      ok: status < 300,
      status,
      statusText: String(status),
      url,
      headers: { get: () => 'application/json' },
      json: async () => JSON.parse(text),
      text: async () => text,
    } satisfies TaroResponse
  }) as typeof taroFetch

const post = (body: string) => ({ method: 'POST', body })

describe('launch batch', () => {
  it('holds the calls until the last, sends them as one batch and gives each its answer', async () => {
    const sent: Sent[] = []
    const fetch = launchBatch(
      standIn(sent, () => ({
        status: 207,
        text: '[{"result":{"data":1}},{"error":{"message":"登录已过期","data":{"httpStatus":401}}},{"result":{"data":3}}]',
      })),
      3,
    )
    const answers = [
      fetch('/trpc/auth.me', post('{"$undefined":true}')),
      fetch('/trpc/stats.summary', post('{"top":5}')),
    ]
    await Promise.resolve()
    expect(sent).toEqual([])
    answers.push(fetch('/trpc/need.list', post('{"isOverdue":true,"limit":5}')))
    expect(sent).toEqual([
      {
        url: '/trpc/auth.me,stats.summary,need.list?batch=1',
        body: '{"0":{"$undefined":true},"1":{"top":5},"2":{"isOverdue":true,"limit":5}}',
      },
    ])
    const [me, summary, needs] = await Promise.all(answers)
    expect(await me?.json()).toEqual({ result: { data: 1 } })
    expect([me?.status, summary?.status, summary?.ok, needs?.status]).toEqual([207, 401, false, 207])
    expect(await summary?.json()).toMatchObject({ error: { message: '登录已过期' } })
    expect(await needs?.text()).toBe('{"result":{"data":3}}')
    // The launch is over: later calls go alone.
    await fetch('/trpc/auth.me', post('{"$undefined":true}'))
    expect(sent.at(-1)?.url).toBe('/trpc/auth.me')
  })

  it('sends fewer calls than expected once the running code is done, one call alone', async () => {
    const sent: Sent[] = []
    const fetch = launchBatch(
      standIn(sent, () => ({ text: '{"result":{"data":1}}' })),
      3,
    )
    const me = fetch('/trpc/auth.me', post('{"$undefined":true}'))
    expect(sent).toEqual([])
    expect(await (await me).json()).toEqual({ result: { data: 1 } })
    expect(sent).toEqual([{ url: '/trpc/auth.me', body: '{"$undefined":true}' }])
  })

  it('gives every call an answer that is not one per call as it came', async () => {
    const sent: Sent[] = []
    const fetch = launchBatch(
      standIn(sent, () => ({ status: 413, text: '{"error":{"message":"请求太大"}}' })),
      2,
    )
    const answers = await Promise.all([fetch('/trpc/a', post('1')), fetch('/trpc/b', post('2'))])
    expect(sent).toHaveLength(1)
    for (const answer of answers) {
      expect(answer.status).toBe(413)
      expect(await answer.json()).toEqual({ error: { message: '请求太大' } })
    }
  })

  it('sends calls it cannot batch as they came', async () => {
    const sent: Sent[] = []
    const fetch = launchBatch(
      standIn(sent, () => ({ text: '{}' })),
      2,
    )
    await Promise.all([fetch('/trpc/a?input=1', { method: 'GET' }), fetch('/trpc/b', post('2'))])
    expect(sent.map((s) => s.url)).toEqual(['/trpc/a?input=1', '/trpc/b'])
  })
})
