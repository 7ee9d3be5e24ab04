// Readable and tappable for the people who use the ledger, at 360×740: axe-core's colour-contrast
// rule on the main pages, in normal and 长辈模式 (the MIIT 适老化 rules: text ≥ 18 px; tap targets
// ≥ 60×60 px on the 工作台 and the forms, ≥ 44×44 px elsewhere and in normal mode).
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { routes } from '../../src/lib/routes'
import { login, newPhonePage, PHONES, screenshot, see, tapTab } from './harness'
import { measureSizes } from './sizes'
import { worldForThisFile } from './world'

const e2e = worldForThisFile({ seed: 'partyDay' })

type MainPage = {
  name: string
  /** An address to open, or a tab to tap. */
  open: { url: string } | { tab: string }
  /** Text that shows once the page has its data. */
  shows: string
  /** 工作台 and the forms: their tap targets are the main ones (60×60 px in 长辈模式). */
  isMain?: boolean
}

const householdPages = (householdId: string): MainPage[] => [
  { name: 'household-detail', open: { url: routes.householdDetail(householdId) }, shows: '马德林' },
]

const PAGES: Record<'cadre' | 'secretary', MainPage[]> = {
  cadre: [
    { name: 'home', open: { tab: '工作台' }, shows: '李振华，您好', isMain: true },
    { name: 'visit-form', open: { url: routes.visitForm({}) }, shows: '送去的慰问', isMain: true },
    { name: 'households', open: { tab: '困难户' }, shows: '马德林（QY-001）' },
    { name: 'needs', open: { tab: '诉求' }, shows: '已逾期' },
    { name: 'stats', open: { url: routes.stats }, shows: '捐赠' },
    { name: 'mine', open: { tab: '我的' }, shows: '长辈模式' },
  ],
  secretary: [
    { name: 'home', open: { tab: '工作台' }, shows: '王建国，您好', isMain: true },
    { name: 'visit-form', open: { url: routes.visitForm({}) }, shows: '送去的慰问', isMain: true },
    { name: 'donation-form', open: { url: routes.donationForm() }, shows: '保存', isMain: true },
    { name: 'activities', open: { tab: '主题党日' }, shows: '主题党日' },
    { name: 'ledger', open: { tab: '捐赠台账' }, shows: '¥' },
    { name: 'stats', open: { url: routes.stats }, shows: '捐赠' },
    { name: 'mine', open: { tab: '我的' }, shows: '长辈模式' },
  ],
}

/** axe-core's colour-contrast findings on what the screen shows, as one line each. */
const contrastViolations = async (page: Page): Promise<string[]> => {
  // Evaluated, not added as a <script>: the app's Content-Security-Policy refuses inline scripts.
  await page.evaluate(axe.source)
  return page.evaluate(async () => {
    const found = await window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } })
    return found.violations.flatMap((v) =>
      v.nodes.map((n) => {
        const element = String(n.target.at(-1) ?? '')
          .split(' > ')
          .at(-1)
        const text = (n.html.replace(/<[^>]*>/g, '').trim() || n.html).slice(0, 16)
        return `${element} “${text}”: ${n.any[0]?.message ?? v.help}`.replace(/\s+/g, ' ')
      }),
    )
  })
}

const openPage = async (page: Page, baseUrl: string, target: MainPage) => {
  if ('tab' in target.open) {
    await page.goto(`${baseUrl}/#${routes.home}`)
    if (target.open.tab !== '工作台') await tapTab(page, target.open.tab)
  } else {
    await page.goto(`${baseUrl}/#${target.open.url}`)
  }
  await see(page, target.shows)
  // Charts draw and lists settle after their data comes.
  await page.waitForTimeout(600)
}

const setElderMode = async (page: Page, baseUrl: string, isOn: boolean) => {
  await page.goto(`${baseUrl}/#${routes.mine}`)
  await see(page, '长辈模式')
  const shown = (isElder: boolean) => page.locator(`#app .page${isElder ? '.elder' : ':not(.elder)'}:visible`)
  if (!(await shown(isOn).count())) await page.locator('#app .nut-switch:visible').first().click()
  await shown(isOn).first().waitFor()
}

type Finding = { page: string; problems: string[] }

const checkAll = async (who: 'cadre' | 'secretary') => {
  const page = await newPhonePage(e2e, { width: 360, height: 740 })
  await login(e2e, page, PHONES[who])
  const household = await e2e.server.deps.prisma.household.findFirstOrThrow({
    where: { headName: '马德林' },
    select: { id: true },
  })
  const pages = [...PAGES[who], ...householdPages(household.id)]
  const contrast: Finding[] = []
  const sizes: Finding[] = []
  for (const isElder of [false, true]) {
    await setElderMode(page, e2e.baseUrl, isElder)
    const mode = isElder ? 'elder' : 'normal'
    for (const target of pages) {
      await openPage(page, e2e.baseUrl, target)
      await screenshot(page, `a11y-${who}-${target.name}-${mode}`)
      contrast.push({ page: `${mode} ${target.name}`, problems: await contrastViolations(page) })
      const minTarget = isElder && target.isMain ? 60 : 44
      sizes.push({
        page: `${mode} ${target.name}`,
        problems: await measureSizes(page, { minText: isElder ? 18 : 0, minTarget }),
      })
    }
  }
  await setElderMode(page, e2e.baseUrl, false)
  const summary = (findings: Finding[]) => findings.filter((f) => f.problems.length)
  for (const { page: name, problems } of [...summary(contrast), ...summary(sizes)]) {
    console.info(`${who} ${name}:\n  ${problems.join('\n  ')}`)
  }
  console.info(
    `${who}: ${contrast.reduce((n, f) => n + f.problems.length, 0)} contrast violations, ` +
      `${sizes.reduce((n, f) => n + f.problems.length, 0)} size problems`,
  )
  expect(summary(contrast)).toEqual([])
  expect(summary(sizes)).toEqual([])
}

describe('accessibility at 360×740', () => {
  it('the cadre’s pages: enough contrast, and large enough text and targets', async () => {
    await checkAll('cadre')
  })

  it('the secretary’s pages: enough contrast, and large enough text and targets', async () => {
    await checkAll('secretary')
  })
})

declare global {
  interface Window {
    axe: typeof axe
  }
}
