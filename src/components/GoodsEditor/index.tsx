// 慰问物资: quick-add 米、面、油 (tap again for one more), plus any other item, each with its
// quantity, unit and value; the line values and the total are computed in fen.
import { Button } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import { GOODS_PRESETS, goodsLineValueFen, type TGoodsLine } from '../../../common/goods'
import { formatFen } from '../../../common/money'
import { rowsOf } from '../../lib/form-rows'
import { MoneyInput } from '../MoneyInput'
import './index.scss'

type Props = {
  lines: TGoodsLine[]
  onChange: (lines: TGoodsLine[]) => void
  errors?: Record<string, string>
  /** Where this editor's lines sit in the form's errors, e.g. "goods". */
  errorPrefix?: string
}

const safeValue = (line: TGoodsLine) => {
  try {
    return goodsLineValueFen(line)
  } catch {
    return 0
  }
}

export const GoodsEditor = ({ lines, onChange, errors = {}, errorPrefix = 'goods' }: Props) => {
  const rows = rowsOf(lines, onChange)
  const quickAdd = (preset: TGoodsLine) => {
    const index = lines.findIndex((line) => line.item === preset.item && line.unit === preset.unit)
    if (index >= 0) rows.patch(index, { quantity: (lines[index]?.quantity ?? 0) + 1 })
    else rows.add({ ...preset })
  }
  return (
    <View className="goods-editor">
      <View className="row goods-editor__presets">
        {GOODS_PRESETS.map((preset) => (
          <Button key={preset.item} size="small" fill="outline" type="primary" onClick={() => quickAdd(preset)}>
            {`+ ${preset.item}`}
          </Button>
        ))}
        <Button
          size="small"
          fill="outline"
          onClick={() => rows.add({ item: '', quantity: 1, unit: '件', unitValueFen: 0 })}
        >
          + 其他物资
        </Button>
      </View>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
        <View key={`${i}-${line.item}`} className="goods-editor__line">
          <View className="row">
            <Input
              className="form-input goods-editor__item"
              placeholder="物资名称"
              value={line.item}
              onInput={(e) => rows.patch(i, { item: e.detail.value })}
            />
            <Text className="goods-editor__remove" onClick={() => rows.remove(i)}>
              删除
            </Text>
          </View>
          <View className="row">
            <Input
              className="form-input goods-editor__qty"
              type="number"
              value={String(line.quantity)}
              onInput={(e) => rows.patch(i, { quantity: Number.parseInt(e.detail.value || '0', 10) })}
            />
            <Input
              className="form-input goods-editor__unit"
              value={line.unit}
              onInput={(e) => rows.patch(i, { unit: e.detail.value })}
            />
            <Text className="muted">单价</Text>
            <MoneyInput valueFen={line.unitValueFen} onChange={(fen) => rows.patch(i, { unitValueFen: fen ?? 0 })} />
          </View>
          <Text className="muted">小计 {formatFen(safeValue(line))}</Text>
          {Object.entries(errors)
            .filter(([key]) => key.startsWith(`${errorPrefix}.${i}.`))
            .map(([key, message]) => (
              <Text key={key} className="form-field__error">
                {message}
              </Text>
            ))}
        </View>
      ))}
      {lines.length ? (
        <Text className="goods-editor__total">
          物资合计 {formatFen(lines.reduce((sum, line) => sum + safeValue(line), 0))}
        </Text>
      ) : (
        <Text className="muted">点上方按钮快速添加米、面、油</Text>
      )}
    </View>
  )
}
