// 我的家庭: what the ledger holds about a resident's household (their right to see it, PIPL
// Art. 45); personal numbers stay masked.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Me } from '../lib/api-types'
import { routes } from '../lib/routes'

export const MyHousehold = ({ me }: { me: Me }) =>
  me.household ? (
    <View>
      <View className="section">
        <View className="section__title">家庭户</View>
        <Cell title="户主" extra={me.household.headName} />
        <Cell title="所在村" extra={me.household.village.name} />
      </View>
      <View className="muted list-state">如信息有误，可提交“其他”类诉求说明，村干部核实后更正。</View>
      <Button type="primary" fill="outline" block onClick={() => void Taro.navigateTo({ url: routes.submitNeed })}>
        申请更正信息
      </Button>
    </View>
  ) : (
    <View className="section list-state">
      <View>还没有绑定家庭户。</View>
      <View className="actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: routes.bindHousehold })}>
          绑定我的家庭户
        </Button>
      </View>
    </View>
  )
