// A local stand-in for WeChat's jscode2session on 127.0.0.1, for tests and local H5/weapp runs.
// Codes it understands:
//   ok:<openid>[:<unionid>]  → that identity (with a session_key the server must never leak)
//   invalid | used           → errcode 40029 / 40163
//   limited                  → errcode 45011
//   blocked                  → errcode 40226
//   busy                     → errcode -1
//   garbage                  → a non-JSON body
// A wrong appid or secret gets errcode 40013 / 40125, as the real API answers.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export const STAND_IN_APPID = 'wx-test-appid'
export const STAND_IN_SECRET = 'wx-test-secret'
export const LEAKABLE_SESSION_KEY = 'SESSION_KEY_MUST_NOT_LEAK'

export type WeChatStandIn = { apiBase: string; calls: URLSearchParams[]; close: () => Promise<void> }

const ERRCODES: Record<string, number> = { invalid: 40029, used: 40163, limited: 45011, blocked: 40226, busy: -1 }

export const startWeChatStandIn = async (): Promise<WeChatStandIn> => {
  const calls: URLSearchParams[] = []
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
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
  return {
    apiBase: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
