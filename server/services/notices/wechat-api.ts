// WeChat's server API for subscribe messages: the access token (stable_token, which answers every
// instance the same token until it expires, so each may cache its own copy) and
// subscribeMessage.send. Each send's answer is sorted into what the sender does next.
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
import type { WeChatConfig } from '../auth/wechat-client'

type WeChatAnswer = { errcode?: number; errmsg?: string; access_token?: string; expires_in?: number }

/** Renewed this long before WeChat says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000

const postJson = async (url: URL, body: object, timeoutMs: number): Promise<WeChatAnswer> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  // WeChat answers JSON, sometimes labelled text/plain.
  return JSON.parse(await response.text()) as WeChatAnswer
}

export type AccessTokens = {
  get: () => Promise<string>
  /** Forgets the cached token (WeChat said it is no longer valid). */
  invalidate: () => void
}

export const createAccessTokens = (config: WeChatConfig, now: () => number = Date.now): AccessTokens => {
  let cached: { token: string; renewAt: number } | null = null
  let pending: Promise<string> | null = null
  const fetchToken = async () => {
    const answer = await postJson(
      new URL('/cgi-bin/stable_token', config.apiBase),
      { grant_type: 'client_credential', appid: config.appId, secret: config.secret, force_refresh: false },
      config.timeoutMs ?? 5000,
    )
    if (!answer.access_token) throw new Error(`stable_token refused: ${answer.errcode} ${answer.errmsg ?? ''}`)
    cached = { token: answer.access_token, renewAt: now() + (answer.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS }
    return answer.access_token
  }
  return {
    get: () => {
      if (cached && now() < cached.renewAt) return Promise.resolve(cached.token)
      // Callers at the same moment share one request.
      pending ??= fetchToken().finally(() => {
        pending = null
      })
      return pending
    },
    invalidate: () => {
      cached = null
    },
  }
}

export type SubscribeMessage = {
  touser: string
  template_id: string
  page: string
  data: object
  miniprogram_state: 'formal' | 'trial' | 'developer'
}

/**
 * - sent: WeChat accepted it.
 * - refused: the user has no grant left or refused this template (43101): never retried.
 * - failed: WeChat refused the message itself (bad openid, template, page or field): never retried.
 * - retry: certainly not sent (a rate limit, WeChat busy, a stale token, no connection): try later.
 * - uncertain: it may or may not have reached WeChat (a timeout, a broken answer): never sent again.
 */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'refused' | 'failed' | 'retry' | 'uncertain'; errcode: number | null; error: string }

/** Errcodes after which WeChat has sent nothing and a later send may succeed. */
const RETRY_ERRCODES = new Set([
  -1, // system busy
  45009, // daily quota reached
  45011, // minute quota reached
  45047, // too many messages to this user
])
const TOKEN_ERRCODES = new Set([40001, 40014, 42001])

/** Errors raised before a request left this machine: nothing reached WeChat. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH'])

const causeCode = (error: unknown): string | undefined => {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  return typeof cause?.code === 'string' ? cause.code : undefined
}

export const sendSubscribeMessage = async (
  config: WeChatConfig,
  tokens: AccessTokens,
  message: SubscribeMessage,
): Promise<SendOutcome> => {
  let token: string
  try {
    token = await tokens.get()
  } catch (error) {
    return { kind: 'retry', errcode: null, error: `no access token: ${String(error)}` }
  }
  const url = new URL('/cgi-bin/message/subscribe/send', config.apiBase)
  url.searchParams.set('access_token', token)
  let answer: WeChatAnswer
  try {
    answer = await postJson(url, { ...message, lang: 'zh_CN' }, config.timeoutMs ?? 5000)
  } catch (error) {
    const code = causeCode(error)
    if (code && NOT_CONNECTED.has(code)) return { kind: 'retry', errcode: null, error: `not connected: ${code}` }
    return { kind: 'uncertain', errcode: null, error: `no answer: ${String(error)}` }
  }
  const errcode = answer.errcode ?? 0
  if (errcode === 0) return { kind: 'sent' }
  const error = `${errcode} ${answer.errmsg ?? ''}`.trim()
  if (errcode === 43101) return { kind: 'refused', errcode, error }
  if (TOKEN_ERRCODES.has(errcode)) {
    tokens.invalidate()
    return { kind: 'retry', errcode, error }
  }
  if (RETRY_ERRCODES.has(errcode)) return { kind: 'retry', errcode, error }
  return { kind: 'failed', errcode, error }
}
