// Tab 3: the role's second view (捐赠台账, 诉求看板, 困难户 or 我的家庭).
import { PageShell } from '../../components/PageShell'
import { RoleTabView } from '../../views/RoleTabView'

export default function SecondaryTabPage() {
  return (
    <PageShell>
      <RoleTabView slot={1} />
    </PageShell>
  )
}
