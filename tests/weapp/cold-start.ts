// A phone starting the mini-program from cold: a fresh realm (realm.ts) with WeChat's page stack
// (page-host.ts) and `wx` (wx-stand-in.ts), storage holding what the phone kept from before, then
// what WeChat does at launch: run app.js, call App's onLaunch and onShow, open the launch page.
import type { NetworkType } from './network'
import { createPageHost, type PageInstance } from './page-host'
import { createWeChatRealm } from './realm'
import { createWxStandIn } from './wx-stand-in'

const TAB_ROUTES = ['pages/home/index', 'pages/primary/index', 'pages/secondary/index', 'pages/mine/index']

export type Phone = Awaited<ReturnType<typeof coldStart>>

export const coldStart = async ({
  dist,
  serverUrl,
  files,
  stored,
  launchPage,
  fontSizeSetting,
  networkType,
}: {
  dist: string
  serverUrl: string
  /** A scratch folder of this phone's own. */
  files: string
  /** Storage as the phone kept it from its last use. */
  stored: Record<string, unknown>
  launchPage: string
  /** WeChat's own font setting in px (17, the standard size, unless given). */
  fontSizeSetting?: number
  /** The network as the app starts ('wifi' unless given): 'none', a phone with no signal. */
  networkType?: NetworkType
}) => {
  const realm = createWeChatRealm(dist)
  const host = createPageHost({ realm, tabRoutes: TAB_ROUTES })
  const phone = await createWxStandIn({
    realm,
    host,
    serverUrl,
    files,
    ...(fontSizeSetting ? { fontSizeSetting } : {}),
    ...(networkType ? { networkType } : {}),
  })
  realm.define({ wx: phone.wx, ...host.globals })
  for (const [key, value] of Object.entries(stored)) phone.storage.set(key, realm.adopt(value))

  const launchedAt = performance.now()
  realm.require('app.js')
  const firstPage: PageInstance | undefined = host.app() ? host.launch(launchPage) : undefined
  /** The requests so far, each with when it left and when its answer came, from launch. */
  const timeline = () =>
    phone.requests
      .map((r) => {
        const answered = r.answeredAt === undefined ? '…' : Math.round(r.answeredAt - launchedAt)
        return `${r.call.replace('POST /trpc/', '')} ${Math.round(r.at - launchedAt)}–${answered} ms`
      })
      .join(', ')
  /** What a reload starts from: the same build, server and files, with what the storage keeps then. */
  const launch = { dist, serverUrl, files, launchPage }
  return { realm, host, ...phone, launchedAt, firstPage, timeline, launch }
}
