// A failed save shows every error under its field at once and scrolls to the first, with no toast
// repeating one; and what a person types stays as typed: a phone number too long, or a minus sign
// in an amount, is refused with a message, never cut off or dropped.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { NO_LENGTH_LIMIT } from '../../src/components/TextField'
import HouseholdFormPage from '../../src/package-household/form/index'
import VisitFormPage from '../../src/package-visit/form/index'
import { typeInto } from './render-with-api'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

const taro = stubTaroEachTest()

// jsdom lays nothing out: every element counts as drawn, and scrolling is a spy.
const scrolledTo = vi.fn()
beforeEach(() => {
  scrolledTo.mockClear()
  Object.defineProperty(Element.prototype, 'scrollIntoView', {
    value(this: Element) {
      scrolledTo(this.textContent)
    },
    configurable: true,
  })
  vi.spyOn(Element.prototype, 'getClientRects').mockReturnValue([new DOMRect(0, 0, 1, 1)] as unknown as DOMRectList)
})
afterEach(() => {
  Reflect.deleteProperty(Element.prototype, 'scrollIntoView')
  vi.restoreAllMocks()
})

const inputNamed = (container: HTMLElement, name: string) => {
  const input = container.querySelector(`taro-input-core[name="${name}"]`)
  if (!input) throw new Error(`no input named ${name}`)
  return input as Element & { value: string; maxlength?: number }
}

describe('a failed save', () => {
  it('shows every error at once, scrolls to the first, and toasts none of them', async () => {
    const { container, sent } = renderWithQueue(<HouseholdFormPage />, () => ({ data: null }))
    await waitFor(() => expect(container.querySelector('taro-input-core[name="code"]')).toBeTruthy())
    // The cadre's one village is chosen for him once his profile has loaded (所在村, the form's
    // first select): the first field left with an error is then 户编号.
    await waitFor(() =>
      expect(container.querySelector('select.select-field__native')?.classList).not.toContain(
        'select-field__native--empty',
      ),
    )
    await act(() => fireEvent.click(screen.getByText('保存')))
    await waitFor(() => expect(screen.getByText('请填写户编号')).toBeTruthy())
    expect(screen.getByText('请选择健康状况')).toBeTruthy()
    await waitFor(() => expect(scrolledTo).toHaveBeenCalledTimes(1))
    expect(scrolledTo.mock.calls[0]?.[0]).toContain('请填写户编号')
    expect(taro.toasts()).toEqual([])
    expect(sent).toEqual([])
  })
})

describe('what is typed stays as typed', () => {
  it('keeps a phone number longer than 11 digits, and refuses it saying why', async () => {
    const { container, sent } = renderWithQueue(<HouseholdFormPage />, () => ({ data: null }))
    await waitFor(() => expect(container.querySelector('taro-input-core[name="phone"]')).toBeTruthy())
    // Taro's boxes cut what is typed at their maxlength (140 unless told): the field says no limit.
    expect(inputNamed(container, 'phone').getAttribute('maxlength')).toBe(String(NO_LENGTH_LIMIT))
    act(() => typeInto(container, 'phone', '1380000000212345'))
    await act(() => fireEvent.click(screen.getByText('保存')))
    await waitFor(() => expect(screen.getByText('手机号码应为 11 位数字，以 1 开头')).toBeTruthy())
    expect(inputNamed(container, 'phone').value).toBe('1380000000212345')
    expect(sent).toEqual([])
  })

  it('refuses a negative 慰问金 under its field, with the form’s other errors, and no toast', async () => {
    const { container, sent } = renderWithQueue(<VisitFormPage />, (call) => ({
      data: call.path === 'village.list' ? [] : { items: [], nextCursor: null },
    }))
    await waitFor(() => expect(container.querySelector('taro-input-core[name="cash"]')).toBeTruthy())
    // A text box on H5: Taro's digit box would drop the minus sign as it is typed.
    expect(inputNamed(container, 'cash').getAttribute('type')).not.toBe('digit')
    act(() => typeInto(container, 'cash', '-500'))
    expect(inputNamed(container, 'cash').value).toBe('-500')
    await act(() => fireEvent.click(screen.getByText('保存走访记录')))
    await waitFor(() => expect(screen.getByText('金额不能为负数')).toBeTruthy())
    // The household is missing too, and says so on this first save.
    expect(container.querySelectorAll('.form-field--error').length).toBeGreaterThan(1)
    await waitFor(() => expect(scrolledTo).toHaveBeenCalled())
    expect(taro.toasts()).toEqual([])
    expect(sent).toEqual([])
  })
})
