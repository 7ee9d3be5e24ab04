// Money is typed in yuan and sent as integer fen, exactly, with a reason when it cannot be.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { MoneyInput } from '../../src/components/MoneyInput'

// Taro's H5 Input is the <taro-input-core> web component (jsdom does not upgrade it): typing is
// its `input` event with the value in `detail`, and React hands `value` to it as a property.
const typeInto = (input: Element, text: string) => {
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value: text }, bubbles: true }))
  })
}

const nativeInput = (container: HTMLElement) => {
  const input = container.querySelector('taro-input-core')
  if (!input) throw new Error('no input rendered')
  return input as Element & { value: string }
}

/** A form holding one amount, with a reset button. */
const ResettableForm = () => {
  const [fen, setFen] = useState<number | undefined>(123_456)
  return (
    <>
      <MoneyInput valueFen={fen} onChange={(next) => setFen(next)} />
      <button type="button" onClick={() => setFen(undefined)}>
        reset
      </button>
    </>
  )
}

describe('MoneyInput', () => {
  it('sends what is typed as integer fen, without float error', () => {
    const onChange = vi.fn()
    const { container } = render(<MoneyInput valueFen={undefined} onChange={onChange} />)
    const input = nativeInput(container)
    typeInto(input, '44,000.5')
    expect(onChange).toHaveBeenLastCalledWith(4_400_050, undefined)
    typeInto(input, '0.29')
    expect(onChange).toHaveBeenLastCalledWith(29, undefined)
    typeInto(input, '1.10')
    expect(onChange).toHaveBeenLastCalledWith(110, undefined)
  })

  it('reports why an entry is not an amount, instead of guessing', () => {
    const onChange = vi.fn()
    const { container } = render(<MoneyInput valueFen={undefined} onChange={onChange} />)
    typeInto(nativeInput(container), '1.234')
    expect(onChange).toHaveBeenLastCalledWith(undefined, '金额最多两位小数（精确到分）')
    typeInto(nativeInput(container), '-5')
    expect(onChange).toHaveBeenLastCalledWith(undefined, '金额不能为负数')
    typeInto(nativeInput(container), '')
    expect(onChange).toHaveBeenLastCalledWith(undefined, undefined)
  })

  it('shows an amount set from outside, and clears when the form resets', () => {
    const { container } = render(<ResettableForm />)
    expect(nativeInput(container).value).toBe('1234.56')
    typeInto(nativeInput(container), '1234.5')
    expect(nativeInput(container).value).toBe('1234.5')
    fireEvent.click(screen.getByText('reset'))
    expect(nativeInput(container).value).toBe('')
  })
})
