// 慰问物资: goods lines, as visits hand them over and donations record them.
import { sumFen } from './money'

/** One line: what, how many, in what unit, and the value of one unit in fen. */
export type TGoodsLine = { item: string; quantity: number; unit: string; unitValueFen: number }

/** Quick-add buttons for what visits hand over most: 米、面、油 (unit values are editable defaults). */
export const GOODS_PRESETS: readonly TGoodsLine[] = [
  { item: '大米', quantity: 1, unit: '袋', unitValueFen: 10_000 },
  { item: '面粉', quantity: 1, unit: '袋', unitValueFen: 7_500 },
  { item: '食用油', quantity: 1, unit: '桶', unitValueFen: 5_000 },
]

export const goodsLineValueFen = (line: Pick<TGoodsLine, 'quantity' | 'unitValueFen'>): number => {
  const value = line.quantity * line.unitValueFen
  if (!Number.isSafeInteger(value)) throw new RangeError('goods line value beyond the exact range')
  return value
}

export const goodsValueFen = (lines: readonly Pick<TGoodsLine, 'quantity' | 'unitValueFen'>[]): number =>
  sumFen(lines.map(goodsLineValueFen))
