// A one-time password, answered once by the server (a new account, a reset): shown large, with a
// copy button, and what to do with it. It is never shown again; the person changes it at the
// first sign-in.
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './one-time-password.scss'

type Props = { displayName: string; phone: string | null; password: string }

export const OneTimePassword = ({ displayName, phone, password }: Props) => (
  <View className="section one-time-password" data-testid="one-time-password">
    <View className="section__title">{`${displayName} 的初始密码`}</View>
    <View className="one-time-password__body">
      {phone ? <Text className="muted">{`登录手机号 ${phone}`}</Text> : null}
      <Text className="one-time-password__value" userSelect>
        {password}
      </Text>
      <Button size="small" type="primary" onClick={() => void Taro.setClipboardData({ data: password })}>
        复制密码
      </Button>
      <Text className="field-error">只显示这一次，请当面或电话告知本人；首次登录后须修改。</Text>
    </View>
  </View>
)
