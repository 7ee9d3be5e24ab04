// 发放签收表 (or, with public=1, its 公示 version) of an activity, or of a village and a period:
// the printable page, opened from 对账. On H5 it prints on A4 (index.scss).
import { useRouter } from '@tarojs/taro'
import { PageShell } from '../../components/PageShell'
import { SignSheetView } from './SignSheet'

export default function SignSheetPage() {
  const { params } = useRouter()
  const pick = (key: string) => (params[key] ? { [key]: params[key] } : {})
  return (
    <PageShell className="sign-sheet-page">
      <SignSheetView
        input={{
          ...pick('activityId'),
          ...pick('villageId'),
          ...pick('from'),
          ...pick('to'),
          isPublic: params.public === '1',
        }}
      />
    </PageShell>
  )
}
