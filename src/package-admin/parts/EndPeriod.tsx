// Ending a period in place, under its row: a pairing (结束结对) or a 驻村 post (结束岗位). The
// day defaults to today; the server refuses a day before the start, shown under the date. The
// row stays, as history.
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { shanghaiDate } from '../../../common/dates'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { useForm } from '../../lib/use-form'
import { useMutationKey } from '../../lib/use-mutation-key'
import './end-period.scss'

type Props = {
  /** 结束日期 */
  label: string
  hint: string
  confirmText: string
  /** Sends the end (the mutation's mutateAsync): its refusal shows here. */
  send: (input: { clientMutationId: string; endedOn: string }) => Promise<unknown>
  onDone: () => void
  onCancel: () => void
  testId: string
}

export const EndPeriod = ({ label, hint, confirmText, send, onDone, onCancel, testId }: Props) => {
  const key = useMutationKey()
  const form = useForm({ endedOn: shanghaiDate() })
  const [isPending, setIsPending] = useState(false)
  const confirm = async () => {
    setIsPending(true)
    try {
      await send({ clientMutationId: key.current(), endedOn: form.values.endedOn })
      key.renew()
      onDone()
    } catch (error) {
      form.onServerError(error)
    } finally {
      setIsPending(false)
    }
  }
  return (
    <View className="end-period">
      <FormField label={label} required hint={hint} error={form.errors.endedOn}>
        <DateField value={form.values.endedOn} onChange={(day) => form.set('endedOn', day)} testId={testId} />
      </FormField>
      <View className="actions">
        <Button type="danger" size="small" loading={isPending} onClick={() => void confirm()}>
          {confirmText}
        </Button>
        <Button size="small" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
