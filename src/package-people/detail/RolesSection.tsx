// 角色与职务: the account's roles, each in its org over its period (ended ones stay, as history),
// ending a current one, and adding one (an administrator any role; a 支部书记 党员 in his subtree).
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useMutation } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { ZAddRoleRequestSchema } from '../../../common/contracts/user/add-role'
import type { OrgRole } from '../../../common/contracts/user/user-fields'
import { ROLE_LABELS } from '../../../common/enums'
import { useTRPC } from '../../lib/trpc'
import { useForm } from '../../lib/use-form'
import { uuid } from '../../lib/uuid'
import { periodText } from '../parts/labels'
import { RoleFields } from '../parts/RoleFields'
import { confirmFirst, type Person, usePersonChange } from './use-person-change'

const AddRoleForm = ({ person, isAdmin, onDone }: { person: Person; isAdmin: boolean; onDone: () => void }) => {
  const trpc = useTRPC()
  const { onChanged } = usePersonChange(person.id)
  const form = useForm({ role: (isAdmin ? null : 'MEMBER') as OrgRole | null, orgId: null as string | null, title: '' })
  const add = useMutation(
    trpc.user.addRole.mutationOptions({
      onSuccess: (updated) => {
        onChanged(updated, '已添加角色')
        onDone()
      },
      onError: form.onServerError,
    }),
  )
  const save = () => {
    const checked = form.check(ZAddRoleRequestSchema, {
      clientMutationId: uuid(),
      userId: person.id,
      role: form.values.role ?? undefined,
      orgId: form.values.orgId ?? undefined,
      title: form.values.title,
    })
    if (checked) add.mutate(checked)
  }
  return (
    <View data-testid="add-role">
      <RoleFields isAdmin={isAdmin} form={form} testId="add-role" />
      <View className="actions">
        <Button type="primary" size="small" loading={add.isPending} onClick={save}>
          保存角色
        </Button>
        <Button size="small" onClick={onDone}>
          取消
        </Button>
      </View>
    </View>
  )
}

export const RolesSection = ({ person, isAdmin }: { person: Person; isAdmin: boolean }) => {
  const trpc = useTRPC()
  const { onChanged, onRefused } = usePersonChange(person.id)
  const [isAdding, setIsAdding] = useState(false)
  const end = useMutation(
    trpc.user.endRole.mutationOptions({ onSuccess: (updated) => onChanged(updated, '角色已结束'), onError: onRefused }),
  )
  const endRole = async (role: Person['roles'][number]) => {
    const isSure = await confirmFirst(
      '结束这个角色？',
      `${person.displayName}在「${role.org.name}」的${ROLE_LABELS[role.role]}角色今天结束，此前的记录保留。`,
      '结束',
    )
    if (isSure) end.mutate({ clientMutationId: uuid(), id: role.id })
  }
  return (
    <View className="section" data-testid="person-roles">
      <View className="section__title">角色与职务</View>
      {person.roles.length ? null : <View className="section__body muted">还没有角色</View>}
      {person.roles.map((role) => (
        <Cell
          key={role.id}
          title={[ROLE_LABELS[role.role], role.title].filter((t, i, all) => t && all.indexOf(t) === i).join(' · ')}
          description={`${role.org.name}${role.org.isClosed ? '（已撤销）' : ''} · ${periodText(role)}`}
          extra={
            role.isCurrent && person.canManage ? (
              <Button size="small" fill="outline" onClick={() => void endRole(role)}>
                结束
              </Button>
            ) : role.isCurrent ? (
              '在任'
            ) : (
              '已结束'
            )
          }
        />
      ))}
      {person.canManage && person.isActive ? (
        isAdding ? (
          <AddRoleForm person={person} isAdmin={isAdmin} onDone={() => setIsAdding(false)} />
        ) : (
          <View className="section__body">
            <Button size="small" onClick={() => setIsAdding(true)}>
              添加角色
            </Button>
          </View>
        )
      ) : null}
    </View>
  )
}
