// 我的家庭: what the ledger holds about a resident's household (their right to see it, PIPL
// Art. 45), with a way to ask for a correction (Art. 46). Personal numbers stay masked.
import { Cell, Tag } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import {
  HEALTH_STATUS_LABELS,
  HELP_MEASURE_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  RELATIONSHIP_LABELS,
  RISK_CODE_LABELS,
} from '../../common/enums'
import { formatFen } from '../../common/money'
import { BindHouseholdPrompt } from '../components/BindHouseholdPrompt'
import { NavButton } from '../components/NavButton'
import { QueryState } from '../components/QueryState'
import type { Me } from '../lib/api-types'
import { routes } from '../lib/routes'
import { useTRPC } from '../lib/trpc'

const Bound = () => {
  const trpc = useTRPC()
  const household = useQuery(trpc.resident.myHousehold.queryOptions())
  return (
    <QueryState query={household}>
      {(h) => (
        <View>
          <View className="section">
            <View className="section__title">家庭户</View>
            <Cell title="户主" extra={h.headName} />
            <Cell title="身份证号码" extra={h.idNumberMasked ?? '已按保存期限删除'} />
            {h.phoneMasked ? <Cell title="联系电话" extra={h.phoneMasked} /> : null}
            <Cell
              title="所在村"
              extra={`${h.village.township}${h.village.name}${h.groupName ? ` ${h.groupName}` : ''}`}
            />
            <Cell title="监测类别" extra={HOUSEHOLD_CATEGORY_LABELS[h.category]} />
            {h.responsibleUserName ? <Cell title="帮扶责任人" extra={h.responsibleUserName} /> : null}
            {h.incomePerCapitaFen !== null ? <Cell title="人均纯收入" extra={formatFen(h.incomePerCapitaFen)} /> : null}
          </View>
          <View className="section">
            <View className="section__title">{`家庭成员（${h.members.length} 人）`}</View>
            {h.members.map((m) => (
              <Cell
                key={m.id}
                title={`${m.name}（${RELATIONSHIP_LABELS[m.relationship]}）`}
                description={m.idNumberMasked ?? ''}
                extra={m.health ? HEALTH_STATUS_LABELS[m.health.status] : ''}
              />
            ))}
          </View>
          {h.risks.length || h.helpMeasures.length ? (
            <View className="section">
              <View className="section__title">风险与帮扶措施</View>
              <View className="tag-row">
                {h.risks.map((r) => (
                  <Tag key={r.code} type={r.isEliminated ? 'default' : 'warning'}>
                    {RISK_CODE_LABELS[r.code]}
                    {r.isEliminated ? '（已消除）' : ''}
                  </Tag>
                ))}
                {h.helpMeasures.map((m) => (
                  <Tag key={m} type="success">
                    {HELP_MEASURE_LABELS[m]}
                  </Tag>
                ))}
              </View>
            </View>
          ) : null}
          <View className="section">
            <Cell title="走访慰问" extra={`${h.help.visitCount} 次`} />
            <Cell title="收到的慰问金、物资和捐赠" extra={formatFen(h.help.receivedFen)} />
          </View>
          <Text className="muted list-state">信息有误？提交“信息更正”，驻村干部核实后会为您更正。</Text>
          <NavButton url={routes.submitNeed('CORRECTION')} type="primary" fill="outline" block>
            申请更正信息
          </NavButton>
        </View>
      )}
    </QueryState>
  )
}

export const MyHousehold = ({ me }: { me: Me }) =>
  me.household ? <Bound /> : <BindHouseholdPrompt reason="还没有绑定家庭户。" />
