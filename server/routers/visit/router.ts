import { router } from '../../trpc'
import { createVisitRoute } from './create-visit'
import { getVisitRoute } from './get-visit'
import { listVisitsRoute } from './list-visits'
import { updateVisitRoute } from './update-visit'

export const visitRouter = router({
  list: listVisitsRoute,
  byId: getVisitRoute,
  create: createVisitRoute,
  update: updateVisitRoute,
})
