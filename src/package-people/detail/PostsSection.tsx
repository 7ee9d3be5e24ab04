// 驻村岗位: the account's posts in villages (第一书记, 驻村工作队员…) over their terms, ending one
// (the hand-over to the next team), and, for administrators, adding one.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useMutation } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ZAddPostRequestSchema } from '../../../common/contracts/user/add-post'
import { DateField } from '../../components/DateField'
import { FormField } from '../../components/FormField'
import { TextField } from '../../components/TextField'
import { VillageSelect } from '../../components/VillageSelect'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'
import { periodText } from '../parts/labels'
import { confirmFirst, type Person, usePersonChange } from './use-person-change'

const AddPostForm = ({ person, onDone }: { person: Person; onDone: () => void }) => {
  const trpc = useTRPC()
  const { onChanged } = usePersonChange(person.id)
  const form = useForm({ villageId: null as string | null, post: '', endedOn: null as string | null })
  const add = useMutation(
    trpc.user.addPost.mutationOptions({
      onSuccess: (updated) => {
        onChanged(updated, '已添加驻村岗位')
        onDone()
      },
      onError: form.onServerError,
    }),
  )
  const save = () => {
    const checked = form.check(ZAddPostRequestSchema, {
      clientMutationId: uuid(),
      userId: person.id,
      villageId: form.values.villageId ?? undefined,
      post: form.values.post,
      endedOn: form.values.endedOn ?? undefined,
    })
    if (checked) add.mutate(checked)
  }
  return (
    <View data-testid="add-post">
      <FormField label="驻村的村" required error={form.errors.villageId}>
        <VillageSelect
          value={form.values.villageId}
          onChange={(villageId) => form.set('villageId', villageId)}
          testId="add-post-village"
        />
      </FormField>
      <TextField label="岗位" required hint="如 第一书记、驻村工作队员" name="post" {...form.field('post')} />
      <FormField label="任期结束" hint="不知道可不填" error={form.errors.endedOn}>
        <DateField value={form.values.endedOn} onChange={(day) => form.set('endedOn', day)} testId="add-post-end" />
      </FormField>
      <View className="actions">
        <Button type="primary" size="small" loading={add.isPending} onClick={save}>
          保存岗位
        </Button>
        <Button size="small" onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  )
}

export const PostsSection = ({ person, isAdmin }: { person: Person; isAdmin: boolean }) => {
  const trpc = useTRPC()
  const { onChanged, onRefused } = usePersonChange(person.id)
  const [isAdding, setIsAdding] = useState(false)
  const end = useMutation(
    trpc.user.endPost.mutationOptions({ onSuccess: (updated) => onChanged(updated, '岗位已结束'), onError: onRefused }),
  )
  const endPost = async (post: Person['posts'][number]) => {
    const isSure = await confirmFirst(
      '结束这个驻村岗位？',
      `${person.displayName}在${post.village.name}的「${post.post}」岗位今天结束，此前的记录保留。`,
      '结束',
    )
    if (isSure) end.mutate({ clientMutationId: uuid(), id: post.id })
  }
  // Only administrators place people in villages (services/users/grants.ts).
  if (!person.posts.length && !isAdmin) return null
  return (
    <View className="section" data-testid="person-posts">
      <View className="section__title">驻村岗位</View>
      {person.posts.length ? null : <View className="section__body muted">没有驻村岗位</View>}
      {person.posts.map((post) => (
        <Cell
          key={post.id}
          title={post.post}
          description={`${post.village.county}${post.village.township}${post.village.name} · ${periodText(post)}`}
          extra={
            post.isCurrent && person.canManage ? (
              <Button size="small" fill="outline" onClick={() => void endPost(post)}>
                结束
              </Button>
            ) : post.isCurrent ? (
              '在任'
            ) : (
              '已结束'
            )
          }
        />
      ))}
      {isAdmin && person.isActive ? (
        isAdding ? (
          <AddPostForm person={person} onDone={() => setIsAdding(false)} />
        ) : (
          <View className="section__body">
            <Button size="small" onClick={() => setIsAdding(true)}>
              添加驻村岗位
            </Button>
          </View>
        )
      ) : null}
    </View>
  )
}
