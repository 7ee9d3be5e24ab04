// 对账: an activity's (or a village's) donations against what was handed over, with the ways to
// the handovers behind it and to the 发放签收表 people take away: printed, as Excel, and the 公示
// version of both for the notice board. A donor org's (捐赠去向) shows the figures alone: the
// 签收表 are the village's, with its households' signatures.
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { NavButton } from '../../components/NavButton'
import { PageShell } from '../../components/PageShell'
import { routes } from '../../lib/routes'
import { useExportDownload } from '../../lib/use-export-download'
import { HandoverList } from '../list/HandoverList'
import { type ReconciliationOf, ReconciliationView } from './ReconciliationView'

const SIGN_SHEET = '/exports/handover-sign-sheet.xlsx'
const PUBLIC_SIGN_SHEET = '/exports/handover-sign-sheet-public.xlsx'

export default function ReconciliationPage() {
  const { params } = useRouter()
  const activityId = params.activityId ?? ''
  const villageId = params.villageId ?? ''
  const donorOrgId = params.donorOrgId ?? ''
  const exports = useExportDownload()
  useEffect(() => {
    if (donorOrgId) void Taro.setNavigationBarTitle({ title: '捐赠去向' })
  }, [donorOrgId])
  if (donorOrgId)
    return (
      <PageShell>
        <ReconciliationView of={{ donorOrgId }} />
      </PageShell>
    )
  const of: ReconciliationOf = activityId ? { activityId } : { villageId }
  return (
    <PageShell>
      <ReconciliationView of={of} />
      <View className="section">
        <View className="section__title">发放签收表</View>
        <View className="actions">
          <NavButton url={routes.handoverSignSheet(of)} size="small" type="primary">
            打印签收表
          </NavButton>
          <NavButton url={routes.handoverSignSheet({ ...of, public: '1' })} size="small">
            打印公示表
          </NavButton>
          <Button
            size="small"
            loading={exports.pendingPath === SIGN_SHEET}
            onClick={() => exports.start(SIGN_SHEET, '发放签收表.xlsx', of)}
          >
            导出签收表
          </Button>
          <Button
            size="small"
            loading={exports.pendingPath === PUBLIC_SIGN_SHEET}
            onClick={() => exports.start(PUBLIC_SIGN_SHEET, '发放公示表.xlsx', of)}
          >
            导出公示表
          </Button>
        </View>
      </View>
      {activityId ? (
        <>
          <NavButton url={routes.handoverRecord(activityId)} block>
            登记发放（受助人签字）
          </NavButton>
          <View className="section__title">发放签收记录</View>
          <HandoverList activityId={activityId} />
        </>
      ) : null}
    </PageShell>
  )
}
