// 对账: an activity's donations against what was handed over, with a way to the handovers behind it.
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { NavButton } from '../../components/NavButton'
import { PageShell } from '../../components/PageShell'
import { routes } from '../../lib/routes'
import { HandoverList } from '../list/HandoverList'
import { ReconciliationView } from './ReconciliationView'

export default function ReconciliationPage() {
  const { params } = useRouter()
  const activityId = params.activityId ?? ''
  return (
    <PageShell>
      <ReconciliationView activityId={activityId} />
      <NavButton url={routes.handoverRecord(activityId)} block>
        登记发放（受助人签字）
      </NavButton>
      <View className="section__title">发放签收记录</View>
      <HandoverList activityId={activityId} />
    </PageShell>
  )
}
