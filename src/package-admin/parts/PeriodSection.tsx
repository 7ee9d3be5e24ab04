// A section of periods on the village page, current first: its pairings (结对帮扶) or its 驻村
// posts, each with its dates and state, and for a current one, to those who manage them, its end
// (EndPeriod) opened under the row.
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { EndPeriod } from './EndPeriod'
import { periodText } from './period'

export type PeriodRow = { id: string; title: string; startedOn: string; endedOn: string | null; isCurrent: boolean }

type Props = {
  title: string
  testId: string
  emptyText: string
  rows: PeriodRow[]
  /** 结对中, 在岗 */
  currentLabel: string
  /** null: the person may end none. */
  end: {
    /** 结束结对 */
    action: string
    label: string
    hint: string
    doneText: string
    send: (id: string, input: { clientMutationId: string; endedOn: string }) => Promise<unknown>
    onDone: (doneText: string) => void
  } | null
}

export const PeriodSection = ({ title, testId, emptyText, rows, currentLabel, end }: Props) => {
  // The row whose end is being entered.
  const [endingId, setEndingId] = useState<string | null>(null)
  return (
    <View className="section" data-testid={testId}>
      <View className="section__title">{title}</View>
      {rows.length ? null : <View className="section__body muted">{emptyText}</View>}
      {rows.map((row) => (
        <View key={row.id}>
          <Cell
            title={row.title}
            description={periodText(row)}
            extra={
              <View className="list-extra">
                {row.isCurrent ? <Tag type="success">{currentLabel}</Tag> : <Tag type="default">已结束</Tag>}
                {end && row.isCurrent && endingId !== row.id ? (
                  <Button size="small" onClick={() => setEndingId(row.id)}>
                    {end.action}
                  </Button>
                ) : null}
              </View>
            }
          />
          {end && endingId === row.id ? (
            <EndPeriod
              label={end.label}
              hint={end.hint}
              confirmText={`确认${end.action}`}
              testId={`${testId}-endedOn`}
              send={(input) => end.send(row.id, input)}
              onDone={() => {
                setEndingId(null)
                end.onDone(end.doneText)
              }}
              onCancel={() => setEndingId(null)}
            />
          ) : null}
        </View>
      ))}
    </View>
  )
}
