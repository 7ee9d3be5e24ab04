import { router } from '../../trpc'
import { listOrgsRoute } from './list-orgs'

export const orgRouter = router({ list: listOrgsRoute })
