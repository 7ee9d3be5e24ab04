import { router } from '../../trpc'
import { listVillagePeopleRoute } from './list-village-people'
import { listVillagesRoute } from './list-villages'

export const villageRouter = router({
  list: listVillagesRoute,
  people: listVillagePeopleRoute,
})
