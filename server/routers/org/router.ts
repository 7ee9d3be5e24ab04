import { router } from '../../trpc'
import { closeOrgRoute } from './close-org'
import { createOrgRoute } from './create-org'
import { getOrgRoute } from './get-org'
import { listOrgTreeRoute } from './list-org-tree'
import { listOrgsRoute } from './list-orgs'
import { moveOrgRoute } from './move-org'
import { orgRosterRoute } from './org-roster'
import { updateOrgRoute } from './update-org'

export const orgRouter = router({
  list: listOrgsRoute,
  roster: orgRosterRoute,
  tree: listOrgTreeRoute,
  byId: getOrgRoute,
  create: createOrgRoute,
  update: updateOrgRoute,
  move: moveOrgRoute,
  close: closeOrgRoute,
})
