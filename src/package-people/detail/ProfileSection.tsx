// Who the person is: name and sign-in phone (in full to those who manage the account, masked to
// the others), corrected here with user.update at the version shown.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useMutation } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ZUpdateUserRequestSchema } from '../../../common/contracts/user/update-user'
import { TextField } from '../../components/TextField'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'
import { type Person, usePersonChange } from './use-person-change'

const EditProfile = ({ person, onDone }: { person: Person; onDone: () => void }) => {
  const trpc = useTRPC()
  const { onChanged } = usePersonChange(person.id)
  const form = useForm({ displayName: person.displayName, phone: person.phone ?? '' })
  const update = useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: (updated) => {
        onChanged(updated, '已保存')
        onDone()
      },
      onError: form.onServerError,
    }),
  )
  const save = () => {
    const checked = form.check(ZUpdateUserRequestSchema, {
      clientMutationId: uuid(),
      id: person.id,
      version: person.version,
      ...form.values,
    })
    if (checked) update.mutate(checked)
  }
  return (
    <View>
      <TextField label="姓名" required name="displayName" {...form.field('displayName')} />
      <TextField label="手机号" required name="phone" type="number" {...form.field('phone')} />
      <View className="actions section__body">
        <Button type="primary" size="small" loading={update.isPending} onClick={save}>
          保存
        </Button>
        <Button size="small" onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  )
}

export const ProfileSection = ({ person }: { person: Person }) => {
  const [isEditing, setIsEditing] = useState(false)
  return (
    <View className="section" data-testid="person-profile">
      <View className="section__title">{person.displayName}</View>
      {isEditing ? (
        <EditProfile person={person} onDone={() => setIsEditing(false)} />
      ) : (
        <>
          <Cell title="手机号" extra={person.phone ?? '未填写'} />
          {person.canManage && person.isActive ? (
            <View className="section__body">
              <Button size="small" onClick={() => setIsEditing(true)}>
                修改姓名或手机号
              </Button>
            </View>
          ) : null}
        </>
      )}
    </View>
  )
}
