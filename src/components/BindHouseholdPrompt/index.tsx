import { View } from '@tarojs/components'
import { routes } from '../../lib/routes'
import { NavButton } from '../NavButton'

export const BindHouseholdPrompt = ({ reason }: { reason: string }) => (
  <View className="section list-state">
    <View>{reason}</View>
    <View className="actions">
      <NavButton url={routes.bindHousehold} type="primary" block>
        绑定我的家庭户
      </NavButton>
    </View>
  </View>
)
