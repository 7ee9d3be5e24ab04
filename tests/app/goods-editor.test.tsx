// Quick-add 米、面、油: one tap adds a line, another tap one more of it; totals in exact fen.
import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import type { TGoodsLine } from '../../common/goods'
import { GoodsEditor } from '../../src/components/GoodsEditor'

const Harness = () => {
  const [lines, setLines] = useState<TGoodsLine[]>([])
  return <GoodsEditor lines={lines} onChange={setLines} errors={{ 'goods.0.quantity': '数量至少为 1' }} />
}

describe('GoodsEditor', () => {
  it('adds rice, flour and oil in one tap each, and counts repeats', () => {
    render(<Harness />)
    expect(screen.getByText('点上方按钮快速添加米、面、油')).toBeTruthy()
    fireEvent.click(screen.getByText('+ 大米'))
    fireEvent.click(screen.getByText('+ 大米'))
    fireEvent.click(screen.getByText('+ 面粉'))
    fireEvent.click(screen.getByText('+ 食用油'))
    // 2 × ¥100 + ¥75 + ¥50
    expect(screen.getByText('物资合计 ¥325.00')).toBeTruthy()
    expect(screen.getByText('小计 ¥200.00')).toBeTruthy()
  })

  it('shows the errors of its own lines', () => {
    render(<Harness />)
    fireEvent.click(screen.getByText('+ 大米'))
    expect(screen.getByText('数量至少为 1')).toBeTruthy()
  })

  it('removes a line', () => {
    render(<Harness />)
    fireEvent.click(screen.getByText('+ 食用油'))
    fireEvent.click(screen.getByText('删除'))
    expect(screen.getByText('点上方按钮快速添加米、面、油')).toBeTruthy()
  })
})
