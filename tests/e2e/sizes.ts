/// <reference lib="dom" />
// Computed sizes a person feels: how large each run of text is drawn, and how large each thing to
// tap is, on what the screen shows (the pages Taro keeps hidden are skipped).
import type { Page } from 'playwright-core'

/** What is tapped: buttons, fields, switches, checkboxes, tabs and links. */
const TARGETS = [
  'taro-button-core',
  'input:not([type="hidden"])',
  'textarea',
  'select',
  '.nut-checkbox',
  '.nut-radio',
  '.nut-switch',
  '.weui-tabbar__item',
  '.link',
  '.filters__chip',
  '.goods-editor__remove',
  '.search-picker__remove',
  '[data-testid$="-open"]',
  '.taro-navigation-bar-back',
  '.taro-navigation-bar-home',
].join(', ')

/**
 * Every visible text run smaller than `minText` px, and every visible target smaller than
 * `minTarget`×`minTarget` px, as one line each (`minText` 0: text is not checked).
 */
export const measureSizes = (page: Page, limits: { minText: number; minTarget: number }): Promise<string[]> =>
  page.evaluate(
    ({ minText, minTarget, targets }) => {
      const isShown = (el: Element) => {
        const style = getComputedStyle(el)
        return style.visibility !== 'hidden' && el.getClientRects().length > 0 && style.opacity !== '0'
      }
      const problems: string[] = []
      if (minText > 0) {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent?.trim() ?? ''
          const parent = node.parentElement
          if (!text || !parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue
          if (!isShown(parent)) continue
          const range = document.createRange()
          range.selectNodeContents(node)
          const rect = range.getBoundingClientRect()
          if (rect.width === 0 || rect.height === 0) continue
          const size = Number.parseFloat(getComputedStyle(parent).fontSize)
          if (size < minText) problems.push(`text ${size}px: ${text.slice(0, 20)}`)
        }
      }
      for (const el of Array.from(document.querySelectorAll(targets))) {
        if (!isShown(el)) continue
        const { width, height } = el.getBoundingClientRect()
        if (width === 0 || height === 0) continue
        if (width < minTarget - 0.5 || height < minTarget - 0.5) {
          const label = (el.textContent ?? '').trim() || el.getAttribute('name') || el.className
          problems.push(`target ${Math.round(width)}×${Math.round(height)}: ${String(label).slice(0, 20)}`)
        }
      }
      return problems
    },
    { ...limits, targets: TARGETS },
  )
