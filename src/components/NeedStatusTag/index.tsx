import { Tag } from '@nutui/nutui-react-taro'
import { NEED_STATUS_LABELS, type NeedStatus } from '../../../common/enums'

const TAG_TYPES: Record<NeedStatus, 'default' | 'primary' | 'info' | 'success' | 'danger' | 'warning'> = {
  RECEIVED: 'primary',
  HANDLED_DIRECTLY: 'info',
  TRANSFERRED: 'info',
  IN_PROGRESS: 'warning',
  RESOLVED: 'success',
  FOLLOWED_UP: 'success',
  REJECTED: 'default',
}

export const NeedStatusTag = ({ status, isOverdue = false }: { status: NeedStatus; isOverdue?: boolean }) => (
  <>
    {isOverdue ? (
      <Tag type="danger" className="tag-gap">
        已逾期
      </Tag>
    ) : null}
    <Tag type={TAG_TYPES[status]}>{NEED_STATUS_LABELS[status]}</Tag>
  </>
)
