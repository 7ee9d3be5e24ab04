// 处理冲突: a queued edit the server refused because someone saved the record first.
import { useRouter } from '@tarojs/taro'
import { PageShell } from '../../components/PageShell'
import { ConflictView } from './conflict-view'

export default function ConflictPage() {
  const { params } = useRouter()
  return (
    <PageShell>
      <ConflictView itemId={params.id ?? ''} />
    </PageShell>
  )
}
