// Quick-add 米、面、油: one tap adds a line (or all three), another tap one more of it; the presets
// say that they fill in a unit price; totals in exact fen; a minus sign or a fraction is refused
// with a message, never dropped.
import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import type { TGoodsLine } from '../../common/goods'
import { GoodsEditor } from '../../src/components/GoodsEditor'

let latest: TGoodsLine[] = []

const Harness = ({ errors = {} }: { errors?: Record<string, string> }) => {
  const [lines, setLines] = useState<TGoodsLine[]>([])
  latest = lines
  return <GoodsEditor lines={lines} onChange={setLines} errors={errors} />
}

/** Taro's H5 Input is <taro-input-core> (not upgraded in jsdom): typing is its `input` event. */
const typeInto = (container: HTMLElement, name: string, text: string) => {
  const input = container.querySelector(`taro-input-core[name="${name}"]`)
  if (!input) throw new Error(`no input ${name}`)
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value: text }, bubbles: true }))
  })
}

describe('GoodsEditor', () => {
  it('adds rice, flour and oil in one tap each, and counts repeats', () => {
    render(<Harness />)
    fireEvent.click(screen.getByText('+ 大米'))
    fireEvent.click(screen.getByText('+ 大米'))
    fireEvent.click(screen.getByText('+ 面粉'))
    fireEvent.click(screen.getByText('+ 食用油'))
    // 2 × ¥100 + ¥75 + ¥50
    expect(screen.getByText('物资合计 ¥325.00')).toBeTruthy()
    expect(screen.getByText('小计 ¥200.00')).toBeTruthy()
  })

  it('adds all three in one tap, and says which unit prices it filled in', () => {
    render(<Harness />)
    expect(
      screen.getByText(/快速添加按常用单价填入（大米 ¥100.00\/袋、面粉 ¥75.00\/袋、食用油 ¥50.00\/桶）/),
    ).toBeTruthy()
    fireEvent.click(screen.getByText('+ 米面油各一'))
    expect(latest.map((line) => line.item)).toEqual(['大米', '面粉', '食用油'])
    expect(screen.getByText('物资合计 ¥225.00')).toBeTruthy()
    expect(screen.getAllByText('数量')).toHaveLength(3)
    expect(screen.getAllByText('单位')).toHaveLength(3)
    expect(screen.getAllByText('单价（元）')).toHaveLength(3)
  })

  it('refuses a negative quantity or unit price with a message, and passes on a value the schema refuses', () => {
    const { container } = render(<Harness />)
    fireEvent.click(screen.getByText('+ 大米'))
    typeInto(container, 'goods-0-quantity', '-2')
    expect(screen.getByText('数量不能为负数')).toBeTruthy()
    expect(latest[0]?.quantity).toBeLessThan(1)
    typeInto(container, 'goods-0-quantity', '1.5')
    expect(screen.getByText('数量须为整数，例如 2')).toBeTruthy()
    typeInto(container, 'goods-0-quantity', '3')
    expect(screen.queryByText(/数量须为整数/)).toBeNull()
    expect(latest[0]?.quantity).toBe(3)
    typeInto(container, 'goods-0-price', '-100')
    expect(screen.getByText('金额不能为负数')).toBeTruthy()
    expect(latest[0]?.unitValueFen).toBeLessThan(0)
    typeInto(container, 'goods-0-price', '80')
    expect(screen.queryByText('金额不能为负数')).toBeNull()
    expect(latest[0]?.unitValueFen).toBe(8_000)
  })

  it('shows the errors of its own lines', () => {
    render(<Harness errors={{ 'goods.0.quantity': '数量至少为 1' }} />)
    fireEvent.click(screen.getByText('+ 大米'))
    expect(screen.getByText('数量至少为 1')).toBeTruthy()
  })

  it('removes a line', () => {
    render(<Harness />)
    fireEvent.click(screen.getByText('+ 食用油'))
    fireEvent.click(screen.getByText('删除'))
    expect(screen.queryByText(/物资合计/)).toBeNull()
  })
})
