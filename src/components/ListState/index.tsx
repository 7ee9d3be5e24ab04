// The states every list shows besides its rows: loading, failed (with a retry), and empty (with
// what to do next), in words a user can act on.
import { Button, Empty } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { userMessage } from '../../lib/errors'
import type { ListFooter } from '../../lib/use-paged-list'

type Props = {
  isLoading: boolean
  error: unknown
  isEmpty: boolean
  emptyText: string
  emptyAction?: ReactNode
  onRetry: () => void
  /** Shown under the rows while the next page loads, or when there is none. */
  footer?: ListFooter
}

/**
 * NutUI's Empty shows pictures from JD's CDN by default; the app must load nothing from outside
 * (intranets, and the pages' Content-Security-Policy), so it gets a drawn one of its own.
 */
const art = (status: 'empty' | 'error') => <View className={`list-state__art list-state__art--${status}`} />

export const ListState = ({ isLoading, error, isEmpty, emptyText, emptyAction, onRetry, footer }: Props) => {
  if (isLoading) return <View className="list-state muted">正在加载…</View>
  if (error) {
    return (
      <View className="list-state">
        <Empty status="error" image={art('error')} description={`${userMessage(error)}`} />
        <Button type="primary" size="small" onClick={onRetry}>
          重新加载
        </Button>
      </View>
    )
  }
  if (isEmpty) {
    return (
      <View className="list-state">
        <Empty image={art('empty')} description={emptyText} />
        {emptyAction}
      </View>
    )
  }
  if (footer === 'loadingMore') return <View className="list-state muted">正在加载更多…</View>
  if (footer === 'end') return <View className="list-state muted">已经到底了</View>
  return null
}
