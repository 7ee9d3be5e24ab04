// A button that opens another page of the app (新建主题党日, 登记走访, 编辑…).
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { ComponentProps, PropsWithChildren } from 'react'

type Look = Partial<Pick<ComponentProps<typeof Button>, 'type' | 'fill' | 'size' | 'block'>>

export const NavButton = ({ url, children, ...look }: PropsWithChildren<{ url: string } & Look>) => (
  <Button {...look} onClick={() => void Taro.navigateTo({ url })}>
    {children}
  </Button>
)
