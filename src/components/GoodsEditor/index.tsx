// 慰问物资: quick-add 米、面、油 (each, or all three in one tap; tap again for one more), plus any
// other item, each with its 数量, 单位 and 单价, labelled; the line values and the total are
// computed in fen. The presets fill in a usual unit price, and say so. What cannot be a count or
// an amount (a minus sign, a fraction of a bag) is refused with a message, never dropped.
import { Button } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { GOODS_PRESETS, goodsLineValueFen, type TGoodsLine } from '../../../common/goods'
import { formatFen } from '../../../common/money'
import { rowsOf } from '../../lib/form-rows'
import { MoneyInput } from '../MoneyInput'
import { CountInput } from './CountInput'
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
    const value = goodsLineValueFen(line)
    return Math.max(value, 0)
  } catch {
    return 0
  }
}

/** 大米 ¥100.00/袋、面粉 ¥75.00/袋、食用油 ¥50.00/桶. */
const PRESET_PRICES = GOODS_PRESETS.map((p) => `${p.item} ${formatFen(p.unitValueFen)}/${p.unit}`).join('、')

/** The lines with one more of `preset` (a new line, or one more on its line). */
const withPreset = (lines: TGoodsLine[], preset: TGoodsLine): TGoodsLine[] => {
  const index = lines.findIndex((line) => line.item === preset.item && line.unit === preset.unit)
  if (index < 0) return [...lines, { ...preset }]
  return lines.map((line, i) => (i === index ? { ...line, quantity: (line.quantity || 0) + 1 } : line))
}

/** A refused value the schema refuses too: -1 for a minus sign, NaN for what is not a number. */
const refusedFen = (problem: string) => (problem.includes('负') ? -1 : Number.NaN)

export const GoodsEditor = ({ lines, onChange, errors = {}, errorPrefix = 'goods' }: Props) => {
  const rows = rowsOf(lines, onChange)
  // What was typed and refused, by `<line>.<field>`, shown in place of the schema's message.
  const [problems, setProblems] = useState<Record<string, string>>({})
  const setProblem = (key: string, problem: string | undefined) =>
    setProblems(({ [key]: _, ...rest }) => (problem ? { ...rest, [key]: problem } : rest))
  const messagesOf = (i: number) => {
    const fromSchema = Object.entries(errors)
      .filter(([key]) => key.startsWith(`${errorPrefix}.${i}.`))
      .map(([key, message]) => [key.slice(`${errorPrefix}.`.length), message] as const)
    const typed = Object.entries(problems).filter(([key]) => key.startsWith(`${i}.`))
    const shown = new Map([...fromSchema, ...typed])
    return [...shown.entries()]
  }
  return (
    <View className="goods-editor">
      <View className="row goods-editor__presets">
        <Button size="small" type="primary" onClick={() => onChange(GOODS_PRESETS.reduce(withPreset, lines))}>
          + 米面油各一
        </Button>
        {GOODS_PRESETS.map((preset) => (
          <Button
            key={preset.item}
            size="small"
            fill="outline"
            type="primary"
            onClick={() => onChange(withPreset(lines, preset))}
          >
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
      <Text className="form-field__hint">{`快速添加按常用单价填入（${PRESET_PRICES}），可按实际修改`}</Text>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are fully controlled (each field has its value prop), so the index is the row's identity.
        <View key={`${i}-${line.item}`} className="goods-editor__line" data-testid="goods-line">
          <View className="row">
            <Input
              className="form-input goods-editor__box goods-editor__item"
              placeholder="物资名称"
              value={line.item}
              onInput={(e) => rows.patch(i, { item: e.detail.value })}
            />
            <Text
              className="goods-editor__remove"
              onClick={() => {
                setProblems({})
                rows.remove(i)
              }}
            >
              删除
            </Text>
          </View>
          <View className="goods-editor__fields">
            <View className="goods-editor__field goods-editor__qty">
              <Text className="goods-editor__label">数量</Text>
              <CountInput
                name={`goods-${i}-quantity`}
                value={line.quantity}
                onChange={(quantity, problem) => {
                  setProblem(`${i}.quantity`, problem)
                  rows.patch(i, { quantity })
                }}
              />
            </View>
            <View className="goods-editor__field goods-editor__unit">
              <Text className="goods-editor__label">单位</Text>
              <Input
                className="form-input goods-editor__box"
                name={`goods-${i}-unit`}
                placeholder="袋、桶"
                value={line.unit}
                onInput={(e) => rows.patch(i, { unit: e.detail.value })}
              />
            </View>
            <View className="goods-editor__field goods-editor__price">
              <Text className="goods-editor__label">单价（元）</Text>
              <MoneyInput
                name={`goods-${i}-price`}
                valueFen={Number.isFinite(line.unitValueFen) && line.unitValueFen >= 0 ? line.unitValueFen : undefined}
                onChange={(fen, problem) => {
                  setProblem(`${i}.unitValueFen`, problem)
                  rows.patch(i, { unitValueFen: problem ? refusedFen(problem) : (fen ?? 0) })
                }}
              />
            </View>
          </View>
          <Text className="muted">小计 {formatFen(safeValue(line))}</Text>
          {messagesOf(i).map(([key, message]) => (
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
      ) : null}
    </View>
  )
}
