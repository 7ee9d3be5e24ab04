import { router } from '../../trpc'
import { createVillageRoute } from './create-village'
import { endPairingRoute } from './end-pairing'
import { getVillageRoute } from './get-village'
import { listVillageDirectoryRoute } from './list-village-directory'
import { listVillagePeopleRoute } from './list-village-people'
import { listVillagesRoute } from './list-villages'
import { pairVillageRoute } from './pair-village'
import { updateVillageRoute } from './update-village'

export const villageRouter = router({
  list: listVillagesRoute,
  people: listVillagePeopleRoute,
  byId: getVillageRoute,
  directory: listVillageDirectoryRoute,
  create: createVillageRoute,
  update: updateVillageRoute,
  pair: pairVillageRoute,
  endPairing: endPairingRoute,
})
