// 主题党日活动记录: the printable record sheet of one activity (docs/exports.md). On H5 it prints on A4
// (index.scss); in the mini-program it is forwarded in WeChat or kept as a screenshot.
import Taro, { useLoad, useRouter, useShareAppMessage } from '@tarojs/taro'
import { PageShell } from '../../components/PageShell'
import { routes } from '../../lib/routes'
import { ActivityRecordView } from './ActivityRecordSheet'

export default function ActivityRecordPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  useLoad(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true })
  })
  // Whoever opens the shared card signs in and sees it only within their own scope.
  useShareAppMessage(() => ({ title: '主题党日活动记录', path: routes.activityRecord(id) }))
  return (
    <PageShell className="record-page">
      <ActivityRecordView id={id} />
    </PageShell>
  )
}
