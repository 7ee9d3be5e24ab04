// 待办: each person's to-do list and its count (the 工作台 tab's badge), and a resident marking a
// need's changes read.
import { router } from '../../trpc'
import { countTodosRoute } from './count-todos'
import { listTodosRoute } from './list-todos'
import { markNeedSeenRoute } from './mark-need-seen'

export const todoRouter = router({
  list: listTodosRoute,
  count: countTodosRoute,
  markNeedSeen: markNeedSeenRoute,
})
