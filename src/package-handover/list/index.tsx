import { useRouter } from '@tarojs/taro'
import { PageShell } from '../../components/PageShell'
import { HandoverList } from './HandoverList'

export default function HandoverListPage() {
  const { params } = useRouter()
  return (
    <PageShell>
      <HandoverList activityId={params.activityId ?? ''} />
    </PageShell>
  )
}
