// GET /invite?code=…: what an invitation's QR code opens outside WeChat (a phone's camera, a
// browser). A small Chinese page that says to open the mini-program and scan the code or type it;
// inside WeChat the mini-program reads the code from the link itself. Nothing is looked up: the
// page shows the code as given (when it is one), and only a sign-in in the mini-program uses it.
// No script, no outside resource: its own policy is stricter than the app's (security-headers.ts).
import type { FastifyInstance } from 'fastify'
import { INVITATION_VALID_DAYS } from '../../common/contracts/invitation/create-invitation'
import { formatInvitationCode, invitationCodeOf } from '../../common/contracts/invitation/invitation-code'
import { type IsOverLimit, limitedBy } from './rate-limits'

const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const STYLE = `body{margin:0;font:18px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#222;background:#f6f6f6}
main{max-width:28em;margin:2em auto;padding:1.5em;background:#fff;border-radius:8px}
h1{font-size:1.3em;color:#c00000;margin:0 0 .8em}
.code{font:bold 2em/1.4 ui-monospace,Menlo,Consolas,monospace;letter-spacing:.15em;text-align:center;padding:.4em;border:2px dashed #c00000;border-radius:6px}
.note{color:#666;font-size:.9em}`

const page = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`

const invitationPage = (code: string) =>
  page(
    '党日帮扶台账 · 邀请码',
    `<h1>党日帮扶台账 · 账号邀请</h1>
<p>请在微信中打开「党日帮扶台账」小程序，用微信登录后，扫描这个二维码，或输入下面的邀请码：</p>
<p class="code">${formatInvitationCode(code)}</p>
<p class="note">邀请码 ${INVITATION_VALID_DAYS} 天内有效，只能使用一次。如已过期或已使用，请联系管理员或支部书记重新生成。</p>`,
  )

const brokenLinkPage = () =>
  page(
    '党日帮扶台账 · 邀请链接不完整',
    `<h1>邀请链接不完整</h1>
<p>这个链接中没有有效的邀请码。请向管理员或支部书记索取新的邀请二维码，或在「党日帮扶台账」小程序中直接输入 8 位邀请码。</p>`,
  )

export const registerInvitePage = (app: FastifyInstance, isOverLimit: IsOverLimit) => {
  app.get('/invite', {
    onRequest: limitedBy(isOverLimit),
    handler: async (req, reply) => {
      const given = (req.query as Record<string, unknown> | undefined)?.code
      // The code passes through the alphabet check: nothing else from the URL reaches the page.
      const code = typeof given === 'string' ? invitationCodeOf(given) : null
      return reply
        .code(code ? 200 : 400)
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', PAGE_POLICY)
        .header('cache-control', 'no-store')
        .send(code ? invitationPage(code) : brokenLinkPage())
    },
  })
}
