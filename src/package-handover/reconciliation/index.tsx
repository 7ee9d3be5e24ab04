// 对账: an activity's donations against what was handed over, with a way to the handovers behind it.
import { useRouter } from '@tarojs/taro'
import { NavButton } from '../../components/NavButton'
import { PageShell } from '../../components/PageShell'
import { routes } from '../../lib/routes'
import { ReconciliationView } from './ReconciliationView'

export default function ReconciliationPage() {
  const { params } = useRouter()
  const activityId = params.activityId ?? ''
  return (
    <PageShell>
      <ReconciliationView activityId={activityId} />
      <NavButton url={routes.handoverList(activityId)} block fill="outline">
        查看发放签收记录
      </NavButton>
    </PageShell>
  )
}
