// 待同步: what this phone has saved but the server does not have yet, and the lists it keeps to
// work with no signal.
import { PageShell } from '../../components/PageShell'
import { OfflineCopiesSection } from './offline-copies-section'
import { SyncQueueView } from './sync-queue-view'

export default function SyncPage() {
  return (
    <PageShell>
      <SyncQueueView />
      <OfflineCopiesSection />
    </PageShell>
  )
}
