// 新增结对 (结对帮扶): pairs an org, chosen in the tree or by name, with this village from a day
// (default today). From that day the org's secretaries and members reach the village's records.
// Closed orgs are not offered; an org already paired with the village is refused by the server,
// whose message shows under the field it concerns.
import { Cell } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZPairVillageRequestSchema } from '../../../common/contracts/village/pair-village'
import { shanghaiDate } from '../../../common/dates'
import { DateField } from '../../components/DateField'
import { FilterBar } from '../../components/FilterChips'
import { FormField } from '../../components/FormField'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { SearchBox } from '../../components/SearchBox'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useMutationKey } from '../../lib/use-mutation-key'
import { OrgTree } from '../parts/OrgTree'

type Values = { orgId: string | null; startedOn: string }

const PairForm = ({ villageId }: { villageId: string }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const key = useMutationKey()
  const village = useQuery(trpc.village.byId.queryOptions({ id: villageId }))
  const form = useForm<Values>({ orgId: null, startedOn: shanghaiDate() })
  const [orgName, setOrgName] = useState('')
  const [search, setSearch] = useState('')
  const pair = useMutation(
    trpc.village.pair.mutationOptions({
      onSuccess: (paired) => {
        key.renew()
        queryClient.setQueryData(trpc.village.byId.queryKey({ id: paired.id }), paired)
        void queryClient.invalidateQueries({ queryKey: trpc.village.pathKey() })
        void queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() })
        toast('结对已保存')
        void Taro.navigateBack()
      },
      onError: form.onServerError,
    }),
  )
  const { orgId, startedOn } = form.values
  const submit = () => {
    const checked = form.check(ZPairVillageRequestSchema, {
      clientMutationId: key.current(),
      orgId: orgId ?? undefined,
      villageId,
      startedOn,
    })
    if (checked) pair.mutate(checked)
  }
  return (
    <View>
      <View className="section">
        <View className="section__title">
          {village.data ? `${village.data.township}${village.data.name}` : '结对帮扶'}
        </View>
        <FormField label="结对的组织" required error={form.errors.orgId}>
          {orgId ? (
            <View className="row">
              <Text>{orgName}</Text>
              <Text className="link" onClick={() => form.set('orgId', null)}>
                重新选择
              </Text>
            </View>
          ) : (
            <Text className="muted">请在下面的组织架构中选择，或按名称搜索</Text>
          )}
        </FormField>
        {orgId ? (
          <FormField label="结对开始日期" required error={form.errors.startedOn}>
            <DateField value={startedOn} onChange={(day) => form.set('startedOn', day)} testId="startedOn" />
          </FormField>
        ) : null}
      </View>
      {orgId ? (
        <SaveButton isSaving={pair.isPending} onSave={submit}>
          确认结对
        </SaveButton>
      ) : (
        <>
          <FilterBar>
            <SearchBox name="orgSearch" placeholder="搜索组织名称，如 律师事务所" onSearch={setSearch} />
          </FilterBar>
          <OrgTree
            search={search}
            pick={{
              isPickable: (candidate) => !candidate.isClosed,
              onPick: (candidate) => {
                setOrgName(candidate.name)
                form.set('orgId', candidate.id)
              },
            }}
          />
        </>
      )}
      {village.data?.pairings.some((p) => p.isCurrent) ? (
        <View className="section">
          <View className="section__title">现在与这个村结对的组织</View>
          {village.data.pairings
            .filter((p) => p.isCurrent)
            .map((p) => (
              <Cell key={p.id} title={p.org.name} description={`${p.startedOn} 起`} />
            ))}
        </View>
      ) : null}
    </View>
  )
}

export default function PairPage() {
  const { params } = useRouter()
  return (
    <PageShell>
      <PairForm villageId={params.villageId ?? ''} />
    </PageShell>
  )
}
