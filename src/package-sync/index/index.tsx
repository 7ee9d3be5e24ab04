// 待同步: what this phone has saved but the server does not have yet.
import { PageShell } from '../../components/PageShell'
import { SyncQueueView } from './sync-queue-view'

export default function SyncPage() {
  return (
    <PageShell>
      <SyncQueueView />
    </PageShell>
  )
}
