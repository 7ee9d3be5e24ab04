// 发放签收: what the resident's household was handed, to confirm or dispute.
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { useTRPC } from '../../lib/trpc'
import { ReceiptCard } from './ReceiptCard'

export const MyReceipts = () => {
  const trpc = useTRPC()
  const receipts = useQuery(trpc.handover.mine.queryOptions())
  return (
    <QueryState query={receipts}>
      {(items) =>
        items.length ? (
          items.map((r) => <ReceiptCard key={r.id} receipt={r} />)
        ) : (
          <View className="list-state muted">还没有发放给您家的物资或慰问金</View>
        )
      }
    </QueryState>
  )
}

export default function MyReceiptsPage() {
  return (
    <PageShell>
      <MyReceipts />
    </PageShell>
  )
}
