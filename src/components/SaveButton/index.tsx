// A form's save button, under its fields, busy while the save is out.
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'

type Props = PropsWithChildren<{ isSaving: boolean; onSave: () => void }>

export const SaveButton = ({ isSaving, onSave, children = '保存' }: Props) => (
  <View className="form-actions">
    <Button type="primary" block loading={isSaving} onClick={onSave}>
      {children}
    </Button>
  </View>
)
