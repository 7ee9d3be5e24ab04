// 待办 on the 工作台: what needs this person now, most urgent first (todo.list), and the records
// this phone still holds for the server; each item opens its record. Keeps the tab's badge to
// the same count.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import { routes } from '../../lib/routes'
import { showTodoBadge, todoUrl } from '../../lib/todo-badge'
import { useTRPC } from '../../lib/trpc'

/** The items the 工作台 shows; the badge counts them all. */
const SHOWN = 20

const open = (url: string) => void Taro.navigateTo({ url })

export const TodoSection = () => {
  const trpc = useTRPC()
  const todos = useQuery(trpc.todo.list.queryOptions({ limit: SHOWN }))
  useDidShow(() => void todos.refetch())
  const queue = useOfflineQueueState()
  const waiting = queue ? queue.pendingCount + queue.failedCount : 0
  const total = (todos.data?.total ?? 0) + (waiting ? 1 : 0)
  useEffect(() => {
    if (todos.data) showTodoBadge(total)
  }, [todos.data, total])
  return (
    <View className="section" data-testid="todos">
      <View className="section__title row home__chart-title">
        <Text>待办</Text>
        {total ? <Text className="muted">{`${total} 项`}</Text> : null}
      </View>
      {waiting ? (
        <Cell
          title={`${waiting} 条记录还没有同步到服务器`}
          description={queue?.failedCount ? `${queue.failedCount} 条同步失败，请处理` : '联网后自动同步'}
          extra={queue?.failedCount ? <Tag type="danger">同步失败</Tag> : null}
          onClick={() => open(routes.sync)}
        />
      ) : null}
      {todos.data?.items.map((item) => (
        <Cell
          key={item.key}
          title={item.title}
          description={item.detail}
          extra={
            item.isOverdue ? (
              <Tag type="danger">已逾期</Tag>
            ) : item.dueOn ? (
              <Text className="muted">{item.dueOn}</Text>
            ) : (
              <Tag type="primary">新</Tag>
            )
          }
          onClick={() => open(todoUrl(item.target))}
        />
      ))}
      {todos.error ? <View className="field-error">待办加载失败，请下拉刷新重试</View> : null}
      {todos.data && !total ? <View className="list-state muted">暂无待办</View> : null}
      {todos.isLoading ? <View className="list-state muted">正在加载…</View> : null}
    </View>
  )
}
