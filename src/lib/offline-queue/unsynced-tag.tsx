// The 未同步 / 同步失败 tag on a list row, which opens 待同步 (where the item can be sent or fixed).
import { Tag } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
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
