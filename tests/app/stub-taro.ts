// Taro's toast, navigation and modal as spies, for tests that check what a page said, where it
// went, and what the person answered. Taro H5's default export inherits its APIs, so they are
// stubbed on the object itself; `restoreTaro` puts every one back (and clears the page's query).
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, type Mock, vi } from 'vitest'
import { route } from './taro-page-hooks'

type Api = 'showToast' | 'showModal' | 'navigateTo' | 'navigateBack' | 'redirectTo' | 'reLaunch' | 'setClipboardData'

const stubbed = new Set<Api>()

/** Makes Taro's `name` a spy that answers `answer` (a resolved promise, as Taro's do). */
export const answerTaro = (name: Api, answer: unknown, spy: Mock = vi.fn()): Mock => {
  spy.mockResolvedValue(answer)
  Object.defineProperty(Taro, name, { value: spy, configurable: true, writable: true })
  stubbed.add(name)
  return spy
}

/** The person answers Taro.showModal: confirms, or cancels. */
export const answerModal = (confirm: boolean) =>
  answerTaro('showModal', { confirm, cancel: !confirm, errMsg: 'showModal:ok' })

export const restoreTaro = () => {
  for (const name of stubbed) Reflect.deleteProperty(Taro, name)
  stubbed.clear()
  route.params = {}
}

/**
 * For a file of page tests: before each test, toasts and navigation are spies (cleared), and after
 * it everything is put back and the storage the page wrote (session, queue) is cleared.
 */
export const stubTaroEachTest = () => {
  const spies = { showToast: vi.fn(), navigateBack: vi.fn(), redirectTo: vi.fn() }
  beforeEach(() => {
    for (const [name, spy] of Object.entries(spies) as [Api, Mock][]) {
      spy.mockClear()
      answerTaro(name, { errMsg: `${name}:ok` }, spy)
    }
  })
  afterEach(() => {
    restoreTaro()
    localStorage.clear()
  })
  return {
    ...spies,
    toasts: (): string[] => spies.showToast.mock.calls.map(([options]) => options.title),
  }
}
