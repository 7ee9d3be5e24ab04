// 新建组织 under a parent (none: at the top, administrators only), or 修改 an org's name, 简称 and
// kind. Its place in the tree changes on 调整上级组织 (org-move).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { ZCreateOrgRequestSchema } from '../../../common/contracts/org/create-org'
import { ZUpdateOrgRequestSchema } from '../../../common/contracts/org/update-org'
import { ORG_KIND_LABELS, type OrgKind } from '../../../common/enums'
import { ChoiceField } from '../../components/ChoiceField'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { optionsOf } from '../../components/SelectField'
import { TextField } from '../../components/TextField'
import { isConflict } from '../../lib/errors'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useEditedRecord } from '../../lib/use-edited-record'
import { useForm } from '../../lib/use-form'
import { useMutationKey } from '../../lib/use-mutation-key'

type Values = { name: string; shortName: string; kind: OrgKind | null }

const KIND_OPTIONS = optionsOf(ORG_KIND_LABELS)

const OrgForm = ({ id, parentId }: { id: string | undefined; parentId: string | undefined }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const key = useMutationKey()
  const form = useForm<Values>({ name: '', shortName: '', kind: null })
  useEffect(() => void Taro.setNavigationBarTitle({ title: id ? '修改组织' : '新建组织' }), [id])
  const existing = useQuery({ ...trpc.org.byId.queryOptions({ id: id ?? '' }), enabled: Boolean(id) })
  const parent = useQuery({ ...trpc.org.byId.queryOptions({ id: parentId ?? '' }), enabled: Boolean(parentId) })
  const edited = useEditedRecord(
    existing.data,
    (org) => form.setValues({ name: org.name, shortName: org.shortName ?? '', kind: org.kind }),
    existing.refetch,
  )
  const saved = (message: string) => {
    key.renew()
    void queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() })
    toast(message)
  }
  const create = useMutation(
    trpc.org.create.mutationOptions({
      onSuccess: (org) => {
        saved('组织已新建')
        void Taro.redirectTo({ url: routes.orgDetail(org.id) })
      },
      onError: form.onServerError,
    }),
  )
  const update = useMutation(
    trpc.org.update.mutationOptions({
      onSuccess: () => {
        saved('已保存')
        void Taro.navigateBack()
      },
      onError: (error) =>
        isConflict(error) && edited.loadedVersion !== null ? edited.offerReload() : form.onServerError(error),
    }),
  )
  const { values } = form
  const submit = () => {
    const fields = { name: values.name, shortName: values.shortName, kind: values.kind ?? undefined }
    if (id) {
      const checked = form.check(ZUpdateOrgRequestSchema, {
        ...fields,
        clientMutationId: key.current(),
        id,
        version: edited.loadedVersion ?? 0,
      })
      if (checked) update.mutate(checked)
      return
    }
    const checked = form.check(ZCreateOrgRequestSchema, {
      ...fields,
      clientMutationId: key.current(),
      parentId: parentId ?? null,
    })
    if (checked) create.mutate(checked)
  }
  return (
    <View>
      <View className="section">
        {id ? null : (
          <FormField label="上级组织">
            <View>{parentId ? (parent.data?.name ?? '…') : '（最上级组织）'}</View>
          </FormField>
        )}
        <TextField
          label="组织名称"
          required
          name="name"
          placeholder="如：中共某某律师事务所支部委员会"
          {...form.field('name')}
        />
        <TextField
          label="简称"
          name="shortName"
          hint="台账上常用的叫法，如 司法局机关党支部"
          {...form.field('shortName')}
        />
        <ChoiceField
          label="组织类别"
          required
          options={KIND_OPTIONS}
          placeholder="请选择组织类别"
          testId="kind"
          {...form.field('kind')}
        />
      </View>
      <SaveButton isSaving={create.isPending || update.isPending} onSave={submit}>
        {id ? '保存' : '新建组织'}
      </SaveButton>
    </View>
  )
}

export default function OrgFormPage() {
  const { params } = useRouter()
  return (
    <PageShell>
      <OrgForm id={params.id} parentId={params.parentId} />
    </PageShell>
  )
}
