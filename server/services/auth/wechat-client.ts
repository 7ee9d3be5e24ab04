// WeChat mini-program login: exchange the `code` from wx.login for the user's openid with
// jscode2session (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html).
// The response's session_key is dropped here: it is never stored, returned or logged.
import { AppError } from '../../errors'
import type { Logger } from '../../lib/logger'

export type WeChatConfig = { appId: string; secret: string; apiBase: string; timeoutMs?: number }

export type WeChatIdentity = { openid: string; unionid: string | null }

type Code2SessionResponse = {
  openid?: string
  unionid?: string
  session_key?: string
  errcode?: number
  errmsg?: string
}

const errorForCode = (errcode: number) => {
  switch (errcode) {
    case 40029: // invalid code
    case 40163: // code been used
      return new AppError('WECHAT_CODE_INVALID')
    case 45011: // API minute-quota reached
      return new AppError('WECHAT_RATE_LIMITED')
    case 40226: // high-risk user, blocked by WeChat
      return new AppError('WECHAT_USER_BLOCKED')
    default: // -1 system busy, or our appid/secret is wrong (40013, 40125)
      return new AppError('WECHAT_UNAVAILABLE')
  }
}

export const exchangeWeChatCode = async (config: WeChatConfig, code: string, log: Logger): Promise<WeChatIdentity> => {
  const url = new URL('/sns/jscode2session', config.apiBase)
  url.search = new URLSearchParams({
    appid: config.appId,
    secret: config.secret,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString()

  let body: Code2SessionResponse
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(config.timeoutMs ?? 5000) })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    // WeChat answers JSON, sometimes labelled text/plain.
    body = JSON.parse(await response.text()) as Code2SessionResponse
  } catch (error) {
    log.warn({ err: String(error) }, 'wechat jscode2session unreachable')
    throw new AppError('WECHAT_UNAVAILABLE')
  }

  if (body.errcode) {
    log.warn({ errcode: body.errcode, errmsg: body.errmsg }, 'wechat jscode2session refused the code')
    if (body.errcode === 40013 || body.errcode === 40125) log.error('WECHAT_APPID / WECHAT_SECRET are wrong')
    throw errorForCode(body.errcode)
  }
  if (!body.openid) {
    log.warn('wechat jscode2session answered without an openid')
    throw new AppError('WECHAT_UNAVAILABLE')
  }
  return { openid: body.openid, unionid: body.unionid ?? null }
}
