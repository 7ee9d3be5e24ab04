/// <reference lib="dom" />
// The browser tests' world: the real server on a fresh embedded PostgreSQL (the villages as they
// were on the morning of the party day), the built H5 app, a local WeChat stand-in, and headless
// Debian Chromium driven by playwright-core.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { parseEnv } from '../../server/env'
import { type RunningServer, startServer } from '../../server/start'
import { STAND_IN_APPID, STAND_IN_SECRET, startWeChatStandIn, type WeChatStandIn } from '../helpers/wechat-stand-in'

export const E2E_PASSWORD = 'e2e-demo-password'
export const ROOT = path.resolve(import.meta.dirname, '../..')
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots')

export type E2E = {
  server: RunningServer
  browser: Browser
  baseUrl: string
  /** What Chromium refused under the pages' Content-Security-Policy; stop() fails if any. */
  cspViolations: string[]
  stop: () => Promise<void>
}

/**
 * Chromium features off in the browser the tests and benchmarks drive. Chromium keeps only the last
 * `--disable-features` it is given, so this repeats playwright-core's own list
 * (`chromiumSwitches.ts`, 1.65) before adding ours: Chromium 156 preloads its WebUI omnibox popup
 * (the AI-mode "composebox", chrome://omnibox-popup.top-chrome) in a renderer of its own for every
 * new window, that is for every browser context, and that renderer runs script for seconds while
 * the page loads: about a third of a core on this 2-core machine, which a phone showing the app
 * does not spend (docs/benchmarks.md, H5 load).
 */
const DISABLED_FEATURES = [
  // playwright-core's
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // the omnibox popup's WebUI renderer
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
]

/**
 * The server on a fresh embedded PostgreSQL, seeded with the 前跃村 households (the party day
 * itself is for the tests to record), or with the whole story (`seed: 'partyDay'`).
 */
export const startE2E = async ({
  seed = 'households',
  h5DistDir = path.join(ROOT, 'dist/h5'),
  prepare,
}: {
  seed?: 'households' | 'partyDay'
  /** Another H5 build to serve (a benchmark comparing two builds in one run). */
  h5DistDir?: string
  /**
   * Runs on the data folder before the server starts, as an operator would (`npm run
   * admin:create`). A ledger with an account in it by then is given no demo story at all.
   */
  prepare?: (dataDir: string) => Promise<void>
} = {}): Promise<E2E> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pdrl-e2e-'))
  await prepare?.(dataDir)
  const wechat: WeChatStandIn = await startWeChatStandIn()
  const env = parseEnv({
    ...process.env,
    DATABASE_URL: undefined,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    H5_DIST_DIR: h5DistDir,
    SEED_DEMO: seed,
    SEED_DEMO_PASSWORD: E2E_PASSWORD,
    WECHAT_APPID: STAND_IN_APPID,
    WECHAT_SECRET: STAND_IN_SECRET,
    WECHAT_API_BASE: wechat.apiBase,
  })
  const server = await startServer(env)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
    // playwright-core gives every launch a fresh temporary profile (--user-data-dir).
  })
  await mkdir(SCREENSHOTS, { recursive: true })
  const cspViolations: string[] = []
  return {
    server,
    browser,
    baseUrl: server.url,
    cspViolations,
    stop: async () => {
      await browser.close()
      await server.stop()
      await wechat.close()
      await rm(dataDir, { recursive: true, force: true })
      if (cspViolations.length) throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`)
    },
  }
}

/** A phone-sized page (the app is designed for phones), 390×844 unless another size is given. */
export const newPhonePage = async (
  e2e: E2E,
  viewport: { width: number; height: number } = { width: 390, height: 844 },
): Promise<Page> => {
  const context = await e2e.browser.newContext({
    viewport,
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    hasTouch: true,
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) e2e.cspViolations.push(message.text())
  })
  return page
}

/** The whole page, or with `fullPage: false` what the screen shows. */
export const screenshot = (page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage })

// ─── Acting as a user would ─────────────────────────────────────────────────────────

/** The app's own content (not Taro's navigation bar, which repeats the title). */
export const app = (page: Page) => page.locator('#app')

/** Taps a NutUI button by its text. */
export const tapButton = async (page: Page, text: string) => {
  const exactly = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
  const buttons = app(page).locator('taro-button-core').filter({ hasText: exactly })
  // Taro keeps the other tabs' pages in the DOM, and hides the one left only after the switch: a
  // button seen visible may vanish before the click lands, so look again until one takes it.
  const deadline = Date.now() + 15_000
  for (;;) {
    for (const button of await buttons.all()) {
      if (!(await button.isVisible())) continue
      const isClicked = await button.click({ timeout: 1_000 }).then(
        () => true,
        () => false,
      )
      if (isClicked) return
    }
    if (Date.now() > deadline) throw new Error(`no visible button “${text}”`)
    await page.waitForTimeout(100)
  }
}

/** Taps any element showing exactly this text (links, chips, cells). */
export const tapText = (page: Page, text: string) =>
  app(page).getByText(text, { exact: true }).locator('visible=true').first().click()

/** Taps a tab in the tab bar. */
export const tapTab = (page: Page, text: string) => page.locator('.weui-tabbar__item', { hasText: text }).click()

/** Types into a form input found by its name attribute. */
export const fill = (page: Page, name: string, value: string) =>
  page.locator(`#app input[name="${name}"]:visible, #app textarea[name="${name}"]:visible`).first().fill(value)

/** Chooses an option of a SelectField (a native <select> on H5) by its label. */
export const choose = (page: Page, testId: string, label: string) =>
  page.locator(`[data-testid="${testId}"] select:visible`).first().selectOption({ label })

/** Opens a SearchPicker (unless open) and types `typed` into its search box. */
export const searchIn = async (page: Page, testId: string, typed: string) => {
  const picker = app(page).locator(`[data-testid="${testId}"]:visible`).first()
  const search = picker.locator(`input[name="${testId}-search"]`)
  const opener = picker.locator(`[data-testid="${testId}-open"]`)
  // Closed (its field shows), or open already (a picker that starts open).
  await search.or(opener).first().waitFor()
  if (!(await search.isVisible())) await opener.click()
  await search.fill(typed)
  return picker
}

/**
 * Chooses in a SearchPicker as a person does: types `typed` into its search box, and taps the
 * first option that shows `text` (its name, or its 户编号).
 */
export const pick = async (page: Page, testId: string, typed: string, text: string = typed) => {
  const picker = await searchIn(page, testId, typed)
  await picker.locator(`[data-testid="${testId}-option"]`, { hasText: text }).first().click()
}

export const setDate = (page: Page, testId: string, day: string) =>
  page.locator(`[data-testid="${testId}"] input:visible`).first().fill(day)

/** Waits until this text shows on the current page. */
export const see = (page: Page, text: string) => app(page).getByText(text).locator('visible=true').first().waitFor()

/** The seeded demo accounts, by the phone each signs in with (prisma/seed, README). */
export const PHONES = {
  /** 王建国, 支部书记 */
  secretary: '13800000002',
  /** 李振华, 驻村干部 of 前跃村 */
  cadre: '13800000003',
  /** 张丽, 党员 */
  member: '13800000004',
  /** 马德林, 村民 */
  resident: '13800000005',
  /** 赵永平, 驻村干部 of 上滩村 */
  otherCadre: '13800000006',
} as const

/** Opens the app signed out: it goes to 登录. */
export const openLogin = async (e2e: E2E, page: Page) => {
  await page.goto(`${e2e.baseUrl}/`)
  await page.waitForURL(/login/)
}

/** On 登录: the phone, the demo password, 登录. */
export const submitLogin = async (page: Page, phone: string) => {
  await fill(page, 'phone', phone)
  await fill(page, 'password', E2E_PASSWORD)
  await tapButton(page, '登录')
}

export const login = async (e2e: E2E, page: Page, phone: string) => {
  await openLogin(e2e, page)
  await submitLogin(page, phone)
  // The first sign-in of each account shows the privacy notice, to be agreed to before anything.
  await page.waitForURL(/pages\/home|package-auth\/privacy/)
  if (page.url().includes('package-auth/privacy')) {
    await see(page, '个人信息保护说明')
    await tapButton(page, '同意并继续')
    await page.waitForURL(/pages\/home/)
  }
}

/** A new phone-sized page, signed in (and past the privacy notice). */
export const signedInPage = async (e2e: E2E, phone: string): Promise<Page> => {
  const page = await newPhonePage(e2e)
  await login(e2e, page, phone)
  return page
}

/** Waits for Taro's toast (Taro.showToast, a .taro__toast on H5) with this text: shown, if gone since. */
export const expectToast = (page: Page, text: string) =>
  page.locator('.taro__toast', { hasText: text }).first().waitFor({ state: 'attached' })

/** Taps the first visible element whose text contains this (list rows, cells). */
export const tapContaining = (page: Page, text: string) =>
  app(page).getByText(text).locator('visible=true').first().click()

/** The computed font size, in CSS px, of the first visible element matching the selector. */
export const fontSizeOf = (page: Page, selector: string) =>
  page
    .locator(`#app ${selector}`)
    .locator('visible=true')
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))

/** On an import page: 选择文件 (重新选择文件 once one was chosen), answered with this .xlsx. */
export const chooseXlsx = async (page: Page, bytes: Buffer, name: string) => {
  const again = await app(page).getByText('重新选择文件').locator('visible=true').count()
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    tapButton(page, again ? '重新选择文件' : '选择文件'),
  ])
  await chooser.setFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes,
  })
}
