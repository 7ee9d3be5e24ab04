// 诉求看板 as a page of its own, for those whose tabs do not hold it (an administrator, a
// secretary): where the 工作台's first few overdue needs lead to all of them.
import { useRouter } from '@tarojs/taro'
import { PageShell } from '../../components/PageShell'
import { NeedBoard } from '../../views/NeedBoard'

export default function NeedBoardPage() {
  const { params } = useRouter()
  return (
    <PageShell>
      <NeedBoard initialView={params.view === 'overdue' ? 'overdue' : 'open'} />
    </PageShell>
  )
}
