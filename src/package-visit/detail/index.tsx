// One visit's record: who went where, what they found and handed over, the needs raised.
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { formatChineseDate } from '../../../common/dates'
import { formatFen } from '../../../common/money'
import { DetailShell } from '../../components/DetailShell'
import { NeedStatusTag } from '../../components/NeedStatusTag'
import { PhotoGallery } from '../../components/PhotoGallery'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'

export default function VisitDetailPage() {
  const { params } = useRouter()
  const trpc = useTRPC()
  const visit = useQuery(trpc.visit.byId.queryOptions({ id: params.id ?? '' }))
  return (
    <DetailShell query={visit}>
      {(v) => (
        <>
          <View className="section">
            <View className="section__title">
              {v.household ? `走访 ${v.household.headName}` : `走访驻村干部 ${v.cadre?.displayName ?? ''}`}
            </View>
            <Cell title="日期" extra={formatChineseDate(v.visitedOn)} />
            <Cell title="村" extra={v.village.name} />
            {v.activity ? (
              <Cell
                title="活动"
                extra={v.activity.theme}
                onClick={() => void Taro.navigateTo({ url: routes.activityDetail(v.activity?.id ?? '') })}
              />
            ) : null}
            <Cell title="走访人员" extra={v.visitors.map((p) => p.displayName).join('、')} />
          </View>
          <View className="section">
            <View className="section__title">走访了解</View>
            <Cell
              title="健康状况"
              description={v.isHealthHidden ? '（仅登记人和驻村干部可见）' : (v.healthNotes ?? '—')}
            />
            <Cell title="家庭生活情况" description={v.livingConditions ?? '—'} />
            <Cell title="实际困难" description={v.difficulties ?? '—'} />
          </View>
          <View className="section">
            <View className="section__title">送去的慰问</View>
            {v.goods.map((g) => (
              <Cell
                key={g.id}
                title={g.item}
                description={`${g.quantity}${g.unit} × ${formatFen(g.unitValueFen)}`}
                extra={formatFen(g.valueFen)}
              />
            ))}
            <Cell title="慰问金" extra={<Text className="money">{formatFen(v.cashFen)}</Text>} />
          </View>
          {v.needs.length ? (
            <View className="section">
              <View className="section__title">群众诉求</View>
              {v.needs.map((n) => (
                <Cell
                  key={n.id}
                  title={n.description}
                  extra={<NeedStatusTag status={n.status} isOverdue={n.isOverdue} />}
                  onClick={() => void Taro.navigateTo({ url: routes.needDetail(n.id) })}
                />
              ))}
            </View>
          ) : null}
          <View className="section">
            <View className="section__title">现场照片</View>
            <PhotoGallery target={{ visitId: v.id }} />
          </View>
        </>
      )}
    </DetailShell>
  )
}
