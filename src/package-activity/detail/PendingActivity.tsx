// An activity saved on this phone without signal, before the server has it: what was entered,
// marked 未同步, with 登记走访 and 登记捐赠 so that the day can go on offline. Names of the
// village and the branches come from what is kept for offline use (lib/offline-cache.ts,
// lib/pickers/offline-copies.ts).
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { formatChineseDate } from '../../../common/dates'
import { NavButton } from '../../components/NavButton'
import { PhotoGallery } from '../../components/PhotoGallery'
import { UnsyncedTag } from '../../lib/offline-queue/unsynced-tag'
import type { PendingActivity as Pending } from '../../lib/offline-queue/use-pending-activity'
import { useOrgNames } from '../../lib/pickers/use-names'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { QueuedRecords } from './QueuedRecords'

export const PendingActivity = ({ id, pending, canRecord }: { id: string; pending: Pending; canRecord: boolean }) => {
  const trpc = useTRPC()
  const villages = useQuery(trpc.village.list.queryOptions())
  const village = villages.data?.find((v) => v.id === pending.villageId)
  const orgIds = [pending.input.organiserOrgId, ...((pending.input.participantOrgIds as unknown[]) ?? [])].filter(
    (id): id is string => typeof id === 'string',
  )
  const names = useOrgNames(orgIds)
  const orgNames = orgIds.flatMap((id) => names.get(id) ?? [])
  const place = typeof pending.input.place === 'string' ? pending.input.place : ''
  return (
    <View>
      <View className="section">
        <View className="section__title">{pending.theme}</View>
        <Cell title="同步" extra={<UnsyncedTag state={pending.item.state === 'failed' ? 'failed' : 'pending'} />} />
        <Cell title="时间" extra={pending.heldOn ? formatChineseDate(pending.heldOn) : ''} />
        <Cell
          title="地点"
          extra={[village ? `${village.township}${village.name}` : '', place].filter(Boolean).join(' · ')}
        />
        {orgNames.length ? (
          <Cell title="参加单位" description={orgNames.join('、')} extra={`${orgNames.length} 个`} />
        ) : null}
      </View>
      <View className="actions">
        <NavButton url={routes.visitForm({ activityId: id })} type="primary" size="small">
          登记走访
        </NavButton>
        {canRecord ? (
          <NavButton url={routes.donationForm(id)} type="primary" fill="outline" size="small">
            登记捐赠
          </NavButton>
        ) : null}
      </View>
      <QueuedRecords activityId={id} />
      <View className="section">
        <View className="section__title">活动照片</View>
        <PhotoGallery target={{ activityId: id }} />
      </View>
    </View>
  )
}
