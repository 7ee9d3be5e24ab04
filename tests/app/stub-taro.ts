// Taro's toast and navigation as spies that answer ok, for tests that check what a page said and
// where it went; `restore` puts them back (and clears the page's query).
import Taro from '@tarojs/taro'
import { vi } from 'vitest'
import { route } from './taro-page-hooks'

const STUBBED = ['showToast', 'navigateBack', 'redirectTo'] as const

export const stubTaro = () => {
  const spies = { showToast: vi.fn(), navigateBack: vi.fn(), redirectTo: vi.fn() }
  for (const name of STUBBED) {
    spies[name].mockResolvedValue({ errMsg: `${name}:ok` })
    Object.defineProperty(Taro, name, { value: spies[name], configurable: true, writable: true })
  }
  return {
    ...spies,
    toasts: (): string[] => spies.showToast.mock.calls.map(([options]) => options.title),
    restore: () => {
      for (const name of STUBBED) Reflect.deleteProperty(Taro, name)
      route.params = {}
    },
  }
}
