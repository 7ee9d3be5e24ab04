// 派驻驻村干部: gives an account a 驻村 post (岗位: 第一书记, 驻村工作队员…) in this village for a
// term (user.addPost; administrators only). The person is found by name or phone among the active
// accounts, 驻村干部 first; the term's end may be left open and set when the team hands over.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ZAddPostRequestSchema } from '../../../common/contracts/user/add-post'
import { shanghaiDate } from '../../../common/dates'
import { ROLE_LABELS } from '../../../common/enums'
import { DateField } from '../../components/DateField'
import { FilterBar, FilterChip } from '../../components/FilterChips'
import { FormField } from '../../components/FormField'
import { ListState } from '../../components/ListState'
import { PageShell } from '../../components/PageShell'
import { SaveButton } from '../../components/SaveButton'
import { SearchBox } from '../../components/SearchBox'
import { TextField } from '../../components/TextField'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { useMutationKey } from '../../lib/use-mutation-key'

/** The 岗位 a 驻村工作队 has (docs/domain.md, 驻村工作队). */
const POSTS = ['第一书记', '驻村工作队队长', '驻村工作队员']

type Values = { userId: string | null; post: string; startedOn: string; endedOn: string }

/** Active accounts by name or phone; 驻村干部 only unless asked for everyone. */
const PersonPicker = ({ onPick }: { onPick: (person: { id: string; displayName: string }) => void }) => {
  const trpc = useTRPC()
  const [search, setSearch] = useState('')
  const [onlyCadres, setOnlyCadres] = useState(true)
  const people = useQuery(
    trpc.user.list.queryOptions({
      search: search || undefined,
      role: onlyCadres ? 'CADRE' : undefined,
      status: 'ACTIVE',
      limit: 20,
    }),
  )
  const items = people.data?.items ?? []
  return (
    <>
      <FilterBar>
        <SearchBox name="personSearch" placeholder="输入姓名或手机号查找" onSearch={setSearch} />
        <FilterChip isOn={onlyCadres} onClick={() => setOnlyCadres(!onlyCadres)}>
          只看驻村干部
        </FilterChip>
      </FilterBar>
      {items.length ? (
        <View className="section">
          {items.map((person) => (
            <Cell
              key={person.id}
              title={person.displayName}
              description={[
                person.roles.map((r) => `${r.org.name} ${r.title ?? ROLE_LABELS[r.role]}`).join('、'),
                person.posts.map((p) => `${p.village.name}${p.post}`).join('、'),
              ]
                .filter(Boolean)
                .join('；')}
              extra={
                <Button size="small" type="primary" fill="outline" onClick={() => onPick(person)}>
                  选择
                </Button>
              }
              onClick={() => onPick(person)}
            />
          ))}
          {people.data?.nextCursor ? (
            <View className="section__body muted">只列出前 20 人，请输入姓名缩小范围</View>
          ) : null}
        </View>
      ) : (
        <ListState
          isLoading={people.isLoading}
          error={people.error}
          isEmpty
          emptyText={search ? '没有找到这个人，换个姓名或手机号试试' : '还没有驻村干部账号，请先在「人员与账号」中新建'}
          onRetry={() => void people.refetch()}
        />
      )}
    </>
  )
}

const PostForm = ({ villageId }: { villageId: string }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const key = useMutationKey()
  const village = useQuery(trpc.village.byId.queryOptions({ id: villageId }))
  const form = useForm<Values>({ userId: null, post: '', startedOn: shanghaiDate(), endedOn: '' })
  const [personName, setPersonName] = useState('')
  const addPost = useMutation(
    trpc.user.addPost.mutationOptions({
      onSuccess: () => {
        key.renew()
        void queryClient.invalidateQueries({ queryKey: trpc.village.pathKey() })
        void queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() })
        toast('已派驻')
        void Taro.navigateBack()
      },
      onError: form.onServerError,
    }),
  )
  const { values } = form
  const submit = () => {
    const checked = form.check(ZAddPostRequestSchema, {
      clientMutationId: key.current(),
      userId: values.userId ?? undefined,
      villageId,
      post: values.post,
      startedOn: values.startedOn,
      endedOn: values.endedOn || undefined,
    })
    if (checked) addPost.mutate(checked)
  }
  return (
    <View>
      <View className="section">
        <View className="section__title">
          {village.data ? `派驻到 ${village.data.township}${village.data.name}` : '派驻驻村干部'}
        </View>
        <FormField label="驻村干部" required error={form.errors.userId}>
          {values.userId ? (
            <View className="row">
              <Text>{personName}</Text>
              <Text className="link" onClick={() => form.set('userId', null)}>
                重新选择
              </Text>
            </View>
          ) : (
            <Text className="muted">请在下面查找并选择</Text>
          )}
        </FormField>
      </View>
      {values.userId ? (
        <>
          <View className="section">
            <TextField label="岗位" required name="post" placeholder="如：第一书记" {...form.field('post')} />
            <FilterBar>
              {POSTS.map((post) => (
                <FilterChip key={post} isOn={values.post === post} onClick={() => form.set('post', post)}>
                  {post}
                </FilterChip>
              ))}
            </FilterBar>
            <FormField label="开始日期" required error={form.errors.startedOn}>
              <DateField value={values.startedOn} onChange={(day) => form.set('startedOn', day)} testId="startedOn" />
            </FormField>
            <FormField
              label="结束日期"
              hint="任期已定时填写（驻村任期常为两年）；可以以后再结束"
              error={form.errors.endedOn}
            >
              <DateField
                value={values.endedOn}
                placeholder="不填"
                onChange={(day) => form.set('endedOn', day)}
                testId="endedOn"
              />
            </FormField>
          </View>
          <SaveButton isSaving={addPost.isPending} onSave={submit}>
            确认派驻
          </SaveButton>
        </>
      ) : (
        <PersonPicker
          onPick={(person) => {
            setPersonName(person.displayName)
            form.set('userId', person.id)
          }}
        />
      )}
    </View>
  )
}

export default function PostPage() {
  const { params } = useRouter()
  return (
    <PageShell>
      <PostForm villageId={params.villageId ?? ''} />
    </PageShell>
  )
}
