import { router } from '../../trpc'
import { createNeedRoute } from './create-need'
import { getNeedRoute } from './get-need'
import { listNeedsRoute } from './list-needs'
import { transitionNeedRoute } from './transition-need'
import { updateNeedRoute } from './update-need'

export const needRouter = router({
  list: listNeedsRoute,
  byId: getNeedRoute,
  create: createNeedRoute,
  update: updateNeedRoute,
  transition: transitionNeedRoute,
})
