// One row of a form: label, control, and the error for that field (from the shared zod schema or
// from the server), right beside it.
import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './index.scss'

type Props = PropsWithChildren<{ label: string; error?: string | undefined; required?: boolean; hint?: string }>

export const FormField = ({ label, error, required = false, hint, children }: Props) => (
  <View className={`form-field ${error ? 'form-field--error' : ''}`}>
    <Text className="form-field__label">
      {label}
      {required ? <Text className="form-field__required"> *</Text> : null}
    </Text>
    <View className="form-field__control">{children}</View>
    {hint && !error ? <Text className="form-field__hint">{hint}</Text> : null}
    {error ? <Text className="form-field__error">{error}</Text> : null}
  </View>
)
