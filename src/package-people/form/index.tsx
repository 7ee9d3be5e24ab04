// 新建人员: a staff account with its name, sign-in phone and first role in an org (职务), and for
// an administrator a 驻村 post in a village. The server answers a one-time password, shown here
// once, and from here the account's page or its invitation (扫码绑定微信 or 网页设置密码).
import { Button } from '@nutui/nutui-react-taro'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ZCreateUserRequestSchema } from '../../../common/contracts/user/create-user'
import type { OrgRole } from '../../../common/contracts/user/user-fields'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { TextField } from '../../components/TextField'
import { VillageSelect } from '../../components/VillageSelect'
import { fieldErrorsOf, userMessage } from '../../lib/errors'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useMe } from '../../lib/use-me'
import { uuid } from '../../lib/uuid'
import { type FieldErrors, firstError, validate } from '../../lib/validate'
import { OneTimePassword } from '../parts/OneTimePassword'
import { RoleFields } from '../parts/RoleFields'

/** The form holds one role and one post: their errors ("roles.0.orgId") go beside their fields. */
const besideFields = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([key, message]) => [key.replace(/^(roles|posts)\.0\./, ''), message]))

type Created = { id: string; displayName: string; phone: string | null; oneTimePassword: string }

const CreatedAccount = ({ created }: { created: Created }) => (
  <View>
    <OneTimePassword displayName={created.displayName} phone={created.phone} password={created.oneTimePassword} />
    <View className="section">
      <View className="section__title">下一步</View>
      <View className="field-error">
        也可以生成邀请码：本人在微信小程序中扫码即可绑定微信登录，或在浏览器中打开链接自行设置密码。
      </View>
      <View className="actions form-actions">
        <Button type="primary" onClick={() => void Taro.redirectTo({ url: routes.invitations(created.id) })}>
          生成邀请码
        </Button>
        <Button onClick={() => void Taro.redirectTo({ url: routes.personDetail(created.id) })}>查看人员</Button>
      </View>
    </View>
  </View>
)

export const PersonForm = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { data: me } = useMe()
  const isAdmin = me?.roles.includes('ADMIN') === true
  const [clientMutationId] = useState(uuid)
  const [created, setCreated] = useState<Created | null>(null)
  const form = useForm({
    displayName: '',
    phone: '',
    role: (isAdmin ? null : 'MEMBER') as OrgRole | null,
    orgId: null as string | null,
    title: '',
    villageId: null as string | null,
    post: '',
    endedOn: null as string | null,
  })
  const { values } = form
  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: ({ user, oneTimePassword }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() })
        setCreated({ id: user.id, displayName: user.displayName, phone: user.phone, oneTimePassword })
      },
      onError: (error) => {
        form.setErrors(besideFields(fieldErrorsOf(error)))
        toast(userMessage(error))
      },
    }),
  )
  const submit = () => {
    const hasPost = Boolean(values.villageId || values.post.trim())
    const checked = validate(ZCreateUserRequestSchema, {
      clientMutationId,
      displayName: values.displayName,
      phone: values.phone,
      roles: [{ orgId: values.orgId ?? undefined, role: values.role ?? undefined, title: values.title }],
      posts: hasPost
        ? [{ villageId: values.villageId ?? undefined, post: values.post, endedOn: values.endedOn ?? undefined }]
        : [],
    })
    if (!checked.ok) {
      form.setErrors(besideFields(checked.errors))
      const message = firstError(checked.errors)
      if (message) toast(message)
      return
    }
    create.mutate(checked.data)
  }

  if (created) return <CreatedAccount created={created} />
  return (
    <View>
      <View className="section">
        <TextField label="姓名" required name="displayName" {...form.field('displayName')} />
        <TextField
          label="手机号"
          required
          hint="本人登录用，也用于核对邀请"
          name="phone"
          type="number"
          {...form.field('phone')}
        />
      </View>
      <View className="section">
        <View className="section__title">角色</View>
        <RoleFields isAdmin={isAdmin} form={form} testId="person" />
      </View>
      {isAdmin ? (
        <View className="section">
          <View className="section__title">驻村岗位（驻村干部填写）</View>
          <FormField label="驻村的村" error={form.errors.villageId}>
            <VillageSelect
              value={values.villageId}
              onChange={(villageId) => form.set('villageId', villageId)}
              testId="person-village"
            />
          </FormField>
          <TextField label="岗位" hint="如 第一书记、驻村工作队员" name="post" {...form.field('post')} />
          <FormField label="任期结束" error={form.errors.endedOn}>
            <DateField value={values.endedOn} onChange={(day) => form.set('endedOn', day)} testId="person-post-end" />
          </FormField>
        </View>
      ) : null}
      <SaveButton isSaving={create.isPending} onSave={submit}>
        创建账号
      </SaveButton>
    </View>
  )
}

export default function PersonFormPage() {
  return (
    <PageShell>
      <PersonForm />
    </PageShell>
  )
}
