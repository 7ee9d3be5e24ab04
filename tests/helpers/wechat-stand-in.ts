// A local stand-in for WeChat's jscode2session on 127.0.0.1, for tests and local H5/weapp runs.
// Codes it understands:
//   ok:<openid>[:<unionid>]  → that identity (with a session_key the server must never leak)
//   invalid | used           → errcode 40029 / 40163
//   limited                  → errcode 45011
//   blocked                  → errcode 40226
//   busy                     → errcode -1
//   garbage                  → a non-JSON body
// A wrong appid or secret gets errcode 40013 / 40125, as the real API answers.
//
// And the subscribe-message API: POST /cgi-bin/stable_token hands out an access token, and
// POST /cgi-bin/message/subscribe/send records each message it is sent (`messages`) and answers
// as `answerSend` says (errcode 0 by default; a test may answer later, or never).
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export const STAND_IN_APPID = 'wx-test-appid'
export const STAND_IN_SECRET = 'wx-test-secret'
export const LEAKABLE_SESSION_KEY = 'SESSION_KEY_MUST_NOT_LEAK'

export type SubscribeSend = {
  accessToken: string | null
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
}

export type WeChatStandIn = {
  apiBase: string
  calls: URLSearchParams[]
  /** Every subscribe message received, in order. */
  messages: SubscribeSend[]
  /** How many access tokens were handed out. */
  tokensIssued: () => number
  /** What a send is answered (errcode 0 unless a test says otherwise); a promise delays the answer. */
  answerSend: (message: SubscribeSend) => object | Promise<object>
  close: () => Promise<void>
}

const STAND_IN_TOKEN = 'stand-in-access-token'

const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>
}

const ERRCODES: Record<string, number> = { invalid: 40029, used: 40163, limited: 45011, blocked: 40226, busy: -1 }

export const startWeChatStandIn = async (): Promise<WeChatStandIn> => {
  const calls: URLSearchParams[] = []
  let tokens = 0
  const standIn: Omit<WeChatStandIn, 'apiBase' | 'close'> = {
    calls,
    messages: [],
    tokensIssued: () => tokens,
    answerSend: () => ({ errcode: 0, errmsg: 'ok', msgid: standIn.messages.length }),
  }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const answer = (body: object) => res.writeHead(200, { 'content-type': 'text/plain' }).end(JSON.stringify(body))
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      void readJson(req).then((body) => {
        if (body.appid !== STAND_IN_APPID) return answer({ errcode: 40013, errmsg: 'invalid appid' })
        if (body.secret !== STAND_IN_SECRET) return answer({ errcode: 40125, errmsg: 'invalid appsecret' })
        tokens += 1
        return answer({ access_token: STAND_IN_TOKEN, expires_in: 7200 })
      })
      return
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      void readJson(req).then(async (body) => {
        const accessToken = url.searchParams.get('access_token')
        if (accessToken !== STAND_IN_TOKEN) return answer({ errcode: 40001, errmsg: 'invalid credential' })
        const message = { ...(body as Omit<SubscribeSend, 'accessToken'>), accessToken }
        standIn.messages.push(message)
        return answer(await standIn.answerSend(message))
      })
      return
    }
    if (url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end()
      return
    }
    const params = url.searchParams
    calls.push(params)
    const send = (body: unknown) => {
      // The real API labels JSON as text/plain.
      res.writeHead(200, { 'content-type': 'text/plain' }).end(typeof body === 'string' ? body : JSON.stringify(body))
    }
    if (params.get('appid') !== STAND_IN_APPID) return send({ errcode: 40013, errmsg: 'invalid appid' })
    if (params.get('secret') !== STAND_IN_SECRET) return send({ errcode: 40125, errmsg: 'invalid appsecret' })
    if (params.get('grant_type') !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' })
    const code = params.get('js_code') ?? ''
    if (code === 'garbage') return send('<html>oops</html>')
    const [kind, openid, unionid] = code.split(':')
    if (kind === 'ok' && openid)
      return send({ openid, session_key: LEAKABLE_SESSION_KEY, ...(unionid ? { unionid } : {}) })
    return send({ errcode: ERRCODES[code] ?? 40029, errmsg: 'stand-in error' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(standIn, {
    apiBase: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  })
}
