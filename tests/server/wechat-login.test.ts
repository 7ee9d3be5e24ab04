// WeChat login against a local stand-in for jscode2session on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_RESIDENT_OPENID } from '../../prisma/seed/reference-data'
import { callerFor } from '../../server/caller'
import { createContextInner } from '../../server/context'
import { appRouter } from '../../server/routers/app-router'
import { findLiveSession } from '../../server/services/auth/sessions'
import { createCallerFactory } from '../../server/trpc'
import { CHINESE, failureOf } from '../helpers/errors'
import {
  LEAKABLE_SESSION_KEY,
  STAND_IN_APPID,
  STAND_IN_SECRET,
  startWeChatStandIn,
  type WeChatStandIn,
} from '../helpers/wechat-stand-in'
import { createWorld, type World } from '../helpers/world'

let standIn: WeChatStandIn
let world: World

beforeAll(async () => {
  standIn = await startWeChatStandIn()
  world = await createWorld({ wechat: { appId: STAND_IN_APPID, secret: STAND_IN_SECRET, apiBase: standIn.apiBase } })
})
afterAll(() => standIn.close())

describe('auth.loginWithWeChat', () => {
  it('signs a new WeChat user in, without roles, and never returns the session_key', async () => {
    const result = await world.anonymous.auth.loginWithWeChat({ code: 'ok:o-new-user:u-union-1' })
    expect(JSON.stringify(result)).not.toContain(LEAKABLE_SESSION_KEY)
    expect(result.token).toMatch(/^[\w-]{40,}$/)
    expect(result.user).toMatchObject({ displayName: '微信用户', roles: [], household: null })
    const stored = await world.deps.prisma.user.findUniqueOrThrow({ where: { openid: 'o-new-user' } })
    expect(stored.unionid).toBe('u-union-1')
    expect(JSON.stringify(stored)).not.toContain(LEAKABLE_SESSION_KEY)
    // The token is a live session for that user.
    expect((await findLiveSession(world.deps.prisma, result.token))?.userId).toBe(stored.id)
    // What reached WeChat: our appid, secret and the code.
    const call = standIn.calls.at(-1)
    expect(call?.get('js_code')).toBe('ok:o-new-user:u-union-1')
  })

  it('finds the existing user for a known openid: the demo resident', async () => {
    const result = await world.anonymous.auth.loginWithWeChat({ code: `ok:${DEMO_RESIDENT_OPENID}` })
    expect(result.user.id).toBe(world.ref.users.resident.id)
    const again = await world.anonymous.auth.loginWithWeChat({ code: `ok:${DEMO_RESIDENT_OPENID}` })
    expect(again.user.id).toBe(result.user.id)
    expect(await world.deps.prisma.user.count({ where: { openid: DEMO_RESIDENT_OPENID } })).toBe(1)
  })

  it.each([
    ['invalid', 'UNAUTHORIZED', 'WECHAT_CODE_INVALID'],
    ['used', 'UNAUTHORIZED', 'WECHAT_CODE_INVALID'],
    ['limited', 'TOO_MANY_REQUESTS', 'WECHAT_RATE_LIMITED'],
    ['blocked', 'FORBIDDEN', 'WECHAT_USER_BLOCKED'],
    ['busy', 'SERVICE_UNAVAILABLE', 'WECHAT_UNAVAILABLE'],
    ['garbage', 'SERVICE_UNAVAILABLE', 'WECHAT_UNAVAILABLE'],
  ])('maps WeChat answer %s to %s', async (code, trpcCode, appCode) => {
    const users = await world.deps.prisma.user.count()
    const failure = await failureOf(world.anonymous.auth.loginWithWeChat({ code }))
    expect(failure).toMatchObject({ code: trpcCode, appCode })
    expect(failure.message).toMatch(CHINESE)
    expect(await world.deps.prisma.user.count()).toBe(users)
  })

  it('reports an unreachable WeChat as a temporary failure', async () => {
    const deps = {
      ...world.deps,
      wechat: { appId: STAND_IN_APPID, secret: STAND_IN_SECRET, apiBase: 'http://127.0.0.1:9', timeoutMs: 2000 },
    }
    const caller = createCallerFactory(appRouter)(createContextInner(deps))
    expect(await failureOf(caller.auth.loginWithWeChat({ code: 'ok:x' }))).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      appCode: 'WECHAT_UNAVAILABLE',
    })
  })

  it('reports a wrong secret as unavailable, not as the user’s fault', async () => {
    const deps = { ...world.deps, wechat: { appId: STAND_IN_APPID, secret: 'wrong', apiBase: standIn.apiBase } }
    const caller = createCallerFactory(appRouter)(createContextInner(deps))
    expect(await failureOf(caller.auth.loginWithWeChat({ code: 'ok:x' }))).toMatchObject({
      appCode: 'WECHAT_UNAVAILABLE',
    })
  })

  it('says so when WeChat login is not configured', async () => {
    const caller = await callerFor({ ...world.deps, wechat: null }, null)
    expect(await failureOf(caller.auth.loginWithWeChat({ code: 'ok:x' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      appCode: 'WECHAT_NOT_CONFIGURED',
    })
  })
})
