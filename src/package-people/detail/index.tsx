// 人员详情: one account, for an administrator or the 支部书记 who manages it: who they are, their
// roles and 驻村 posts as periods, how they sign in, and what may be done with the account.
import { useQuery } from '@tanstack/react-query'
import { useRouter } from '@tarojs/taro'
import { DetailShell } from '../../components/DetailShell'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'
import { useRefreshOnPull } from '../../lib/use-refresh-on-pull'
import { AccountSection } from './AccountSection'
import { PostsSection } from './PostsSection'
import { ProfileSection } from './ProfileSection'
import { RolesSection } from './RolesSection'
import type { Person } from './use-person-change'

export const PersonView = ({ person }: { person: Person }) => {
  const { data: me } = useMe()
  const isAdmin = me?.roles.includes('ADMIN') === true
  return (
    <>
      <ProfileSection person={person} />
      <RolesSection person={person} isAdmin={isAdmin} />
      <PostsSection person={person} isAdmin={isAdmin} />
      <AccountSection person={person} />
    </>
  )
}

export default function PersonDetailPage() {
  const trpc = useTRPC()
  const id = useRouter().params.id ?? ''
  const query = useQuery(trpc.user.byId.queryOptions({ id }))
  useRefreshOnPull(query)
  return <DetailShell query={query}>{(person) => <PersonView person={person} />}</DetailShell>
}
