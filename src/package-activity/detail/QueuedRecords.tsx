// The visits and donations of an activity saved on this phone and not yet on the server, marked
// 未同步 (or 同步失败); a tap opens 待同步. Household and org names come from the copies kept for offline use.
import { Cell } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { formatFen } from '../../../common/money'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import type { QueueItem } from '../../lib/offline-queue/types'
import { openSyncPage, UnsyncedTag } from '../../lib/offline-queue/unsynced-tag'
import { inputNumber, inputText } from '../../lib/offline-queue/use-unsynced'
import { useHouseholdLabel, useOrgNames } from '../../lib/pickers/use-names'

const stateOf = (item: QueueItem) => (item.state === 'failed' ? 'failed' : 'pending')

const QueuedVisit = ({ item }: { item: QueueItem }) => {
  const householdId = item.input.target === 'CADRE' ? null : inputText(item.input, 'householdId') || null
  const household = useHouseholdLabel(inputText(item.input, 'villageId'), householdId)
  const cash = inputNumber(item.input, 'cashFen')
  return (
    <Cell
      title={item.input.target === 'CADRE' ? '走访驻村干部' : (household ?? '走访困难户')}
      description={[inputText(item.input, 'visitedOn'), cash ? `慰问金 ${formatFen(cash)}` : '']
        .filter(Boolean)
        .join(' · ')}
      extra={<UnsyncedTag state={stateOf(item)} />}
      onClick={openSyncPage}
    />
  )
}

export const QueuedRecords = ({ activityId }: { activityId: string }) => {
  const items = useOfflineQueueState()?.items ?? []
  const under = (procedure: string) =>
    items.filter((i) => i.procedure === procedure && i.input.activityId === activityId)
  const visits = under('visit.create')
  const donations = under('donation.create')
  const orgNames = useOrgNames(donations.map((d) => inputText(d.input, 'donorOrgId')).filter(Boolean))
  if (!visits.length && !donations.length) return null
  const cashFen = donations.reduce((sum, d) => sum + (inputNumber(d.input, 'amountFen') ?? 0), 0)
  return (
    <View className="section" data-testid="queued-records">
      <View className="section__title">{`本机待同步：走访 ${visits.length} 条，捐赠 ${donations.length} 笔（现金 ${formatFen(cashFen)}）`}</View>
      {visits.map((item) => (
        <QueuedVisit key={item.id} item={item} />
      ))}
      {donations.map((item) => (
        <Cell
          key={item.id}
          title={inputText(item.input, 'donorName') || orgNames.get(inputText(item.input, 'donorOrgId')) || '捐赠'}
          description={inputText(item.input, 'receivedOn')}
          extra={
            <View className="list-extra">
              <Text className="money">
                {item.input.kind === 'GOODS' ? '物资' : formatFen(inputNumber(item.input, 'amountFen') ?? 0)}
              </Text>
              <UnsyncedTag state={stateOf(item)} />
            </View>
          }
          onClick={openSyncPage}
        />
      ))}
    </View>
  )
}
