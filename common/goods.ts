// 慰问物资: goods lines, as visits hand them over and donations record them.
import { z } from 'zod'
import { ZFen } from './money'

export const ZGoodsLine = z.object({
  item: z.string({ error: '请填写物资名称' }).trim().min(1, '请填写物资名称').max(30, '物资名称不能超过 30 个字'),
  quantity: z.number({ error: '请填写数量' }).int('数量须为整数').min(1, '数量至少为 1').max(1_000_000, '数量过大'),
  unit: z.string({ error: '请填写单位' }).trim().min(1, '请填写单位，如 袋、桶、箱').max(10, '单位不能超过 10 个字'),
  /** 单价 in fen; the line's value is quantity × unit value. */
  unitValueFen: ZFen,
})
export type TGoodsLine = z.infer<typeof ZGoodsLine>

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
  lines.reduce((sum, line) => sum + goodsLineValueFen(line), 0)
