// A need's timeline: every step, who took it, when, and what they noted. Staff and the resident
// whose need it is read the same 办理过程.
import { Text, View } from '@tarojs/components'
import { formatShanghaiDateTime } from '../../../common/dates'
import { NEED_STATUS_LABELS, type NeedStatus } from '../../../common/enums'
import './index.scss'

export type TimelineEvent = {
  id: string
  fromStatus: NeedStatus | null
  toStatus: NeedStatus
  note: string | null
  createdAt: Date
  actor: { displayName: string }
}

export const Timeline = ({ events }: { events: TimelineEvent[] }) => (
  <View className="timeline">
    {events.map((event, i) => (
      <View key={event.id} className={`timeline__item ${i === events.length - 1 ? 'timeline__item--last' : ''}`}>
        <View className="timeline__dot" />
        <View className="timeline__body">
          <Text className="timeline__status">{NEED_STATUS_LABELS[event.toStatus]}</Text>
          <Text className="muted">
            {formatShanghaiDateTime(event.createdAt)} · {event.actor.displayName}
          </Text>
          {event.note ? <Text className="timeline__note">{event.note}</Text> : null}
        </View>
      </View>
    ))}
  </View>
)

export const NeedTimelineSection = ({ events }: { events: TimelineEvent[] }) => (
  <View className="section">
    <View className="section__title">办理过程</View>
    <Timeline events={events} />
  </View>
)
