// Tab 2: the role's main list (主题党日, 困难户 or 我的诉求).
import { PageShell } from '../../components/PageShell'
import { RoleTabView } from '../../views/RoleTabView'

export default function PrimaryTabPage() {
  return (
    <PageShell>
      <RoleTabView slot={0} />
    </PageShell>
  )
}
