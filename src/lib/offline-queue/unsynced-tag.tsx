// The 未同步 / 同步失败 tag on a list row, which opens 待同步 (where the item can be sent or fixed),
// and the row of a record saved on this phone that heads its list.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { routes } from '../routes'
import type { UnsyncedState } from './use-unsynced'

export const openSyncPage = () => void Taro.navigateTo({ url: routes.sync })

/** Nothing when `state` is undefined (a row with nothing queued). */
export const UnsyncedTag = ({ state }: { state: UnsyncedState | undefined }) =>
  state ? (
    <View
      data-testid="unsynced-tag"
      onClick={(event) => {
        // Not the row's own tap (its detail): the queue is where this state is dealt with.
        event.stopPropagation()
        openSyncPage()
      }}
    >
      <Tag type={state === 'failed' ? 'danger' : 'warning'}>{state === 'failed' ? '同步失败' : '未同步'}</Tag>
    </View>
  ) : null

/** A record saved on this phone, at the top of its list: a tap opens `onClick` (待同步 by default). */
export const UnsyncedCell = ({
  row,
  badge,
  onClick = openSyncPage,
}: {
  /** As the list's `useUnsynced` made it from the queued input. */
  row: { title: string; description: string; state: UnsyncedState }
  /** What the list's own rows show beside their status (an amount, a category). */
  badge?: ReactNode
  onClick?: () => void
}) => (
  <Cell
    title={row.title}
    description={row.description}
    extra={
      <View className="list-extra">
        {badge}
        <UnsyncedTag state={row.state} />
      </View>
    }
    onClick={onClick}
  />
)
