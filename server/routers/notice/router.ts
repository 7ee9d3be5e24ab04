// WeChat subscribe messages (订阅消息): which templates the app asks the user to accept, and the
// grants the user gave.
import { router } from '../../trpc'
import { listTemplatesRoute } from './list-templates'
import { recordGrantsRoute } from './record-grants'

export const noticeRouter = router({
  templates: listTemplatesRoute,
  recordGrants: recordGrantsRoute,
})
