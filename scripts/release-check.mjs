// What a release build of the mini-program must be given (`npm run build:weapp -- --release`):
// the API's public HTTPS origin and the mini-program's own appid. Without them the build would
// finish, and the package would talk to http://127.0.0.1:3000 as WeChat's tourist appid: it runs in
// WeChat DevTools and nowhere else. docs/deployment.md, "发布小程序 / Releasing the mini-program".

const TOURIST_APPID = 'touristappid'
/** A mini-program's appid: "wx" and 16 hexadecimal digits (mp.weixin.qq.com → 开发管理 → 开发设置). */
const APPID = /^wx[0-9a-f]{16}$/

/** Loopback and private addresses: reachable from a developer's machine, never from a phone. */
const isLocalHost = (hostname) =>
  hostname === 'localhost' ||
  /^127\./.test(hostname) ||
  hostname === '[::1]' ||
  /^10\./.test(hostname) ||
  /^192\.168\./.test(hostname) ||
  /^172\.(1[6-9]|2\d|3[01])\./.test(hostname)

const apiBaseProblem = (value) => {
  const wanted = 'API_BASE_URL=https://… (the API’s public HTTPS origin, on the mini-program’s request 合法域名 list)'
  if (!value) return `${wanted}: unset, so the build would use the development API http://127.0.0.1:3000`
  let url
  try {
    url = new URL(value)
  } catch {
    return `${wanted}: "${value}" is not a URL`
  }
  if (url.protocol !== 'https:') return `${wanted}: "${value}" is not HTTPS (WeChat calls HTTPS origins only)`
  if (isLocalHost(url.hostname)) return `${wanted}: "${value}" is an address a phone cannot reach`
  if (/^[\d.]+$/.test(url.hostname)) return `${wanted}: "${value}" is an IP address (WeChat wants a domain)`
  if (url.pathname !== '/' || url.search || url.hash) return `${wanted}: "${value}" has a path; give the origin only`
  return null
}

const appidProblem = (fromEnv, fromProjectConfig) => {
  const wanted = 'a real appid: TARO_APP_ID=wx… (or "appid" in project.config.json)'
  const appid = fromEnv || fromProjectConfig
  if (!appid || appid === TOURIST_APPID) return `${wanted}: now "${appid || ''}", WeChat's tourist appid`
  if (!APPID.test(appid)) return `${wanted}: "${appid}" is not one ("wx" and 16 hexadecimal digits)`
  return null
}

/**
 * What is missing for a release build, one line each; empty when nothing is.
 * @param {{ env: Record<string, string | undefined>, projectConfig: { appid?: string } }} options
 */
export const releaseProblems = ({ env, projectConfig }) =>
  [apiBaseProblem(env.API_BASE_URL), appidProblem(env.TARO_APP_ID, projectConfig.appid)].filter(Boolean)
