import { router } from '../../trpc'
import { confirmHandoverRoute } from './confirm-handover'
import { createHandoverRoute } from './create-handover'
import { getHandoverRoute } from './get-handover'
import { listHandoversRoute } from './list-handovers'
import { myHandoversRoute } from './my-handovers'
import { signHandoverRoute } from './sign-handover'
import { signSheetRoute } from './sign-sheet'
import { voidHandoverRoute } from './void-handover'

export const handoverRouter = router({
  list: listHandoversRoute,
  byId: getHandoverRoute,
  create: createHandoverRoute,
  void: voidHandoverRoute,
  mine: myHandoversRoute,
  confirm: confirmHandoverRoute,
  sign: signHandoverRoute,
  signSheet: signSheetRoute,
})
