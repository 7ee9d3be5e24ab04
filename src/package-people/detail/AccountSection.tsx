// 账号: how the person signs in (phone and password, WeChat), whether the account is in use or
// locked after failed logins, and what a manager may do about it: 重置密码 (a one-time password,
// shown once), 解除锁定, 解除微信绑定, 邀请 (扫码绑定微信), 停用 / 重新启用.
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useMutation } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { formatShanghaiDateTime } from '../../../common/dates'
import { routes } from '../../lib/routes'
import { useTRPC } from '../../lib/trpc'
import { uuid } from '../../lib/uuid'
import { OneTimePassword } from '../parts/OneTimePassword'
import { confirmFirst, type Person, usePersonChange } from './use-person-change'

const signInText = (person: Person) =>
  [
    person.hasPassword ? (person.mustChangePassword ? '初始密码（未修改）' : '手机号和密码') : null,
    person.hasWechat ? '微信' : null,
  ]
    .filter(Boolean)
    .join('、') || '尚未设置'

export const AccountSection = ({ person }: { person: Person }) => {
  const trpc = useTRPC()
  const { onChanged, onRefused } = usePersonChange(person.id)
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null)
  const id = person.id
  const deactivate = useMutation(
    trpc.user.deactivate.mutationOptions({ onSuccess: (p) => onChanged(p, '账号已停用'), onError: onRefused }),
  )
  const reactivate = useMutation(
    trpc.user.reactivate.mutationOptions({ onSuccess: (p) => onChanged(p, '账号已启用'), onError: onRefused }),
  )
  const reset = useMutation(
    trpc.user.resetPassword.mutationOptions({
      onSuccess: ({ user, oneTimePassword: password }) => {
        onChanged(user)
        setOneTimePassword(password)
      },
      onError: onRefused,
    }),
  )
  const unlock = useMutation(
    trpc.user.unlock.mutationOptions({ onSuccess: (p) => onChanged(p, '已解除锁定'), onError: onRefused }),
  )
  const unbind = useMutation(
    trpc.user.unbindWechat.mutationOptions({ onSuccess: (p) => onChanged(p, '已解除微信绑定'), onError: onRefused }),
  )
  const isBusy = [deactivate, reactivate, reset, unlock, unbind].some((m) => m.isPending)

  const askDeactivate = async () => {
    if (
      await confirmFirst(
        '停用这个账号？',
        `${person.displayName}将立即退出所有设备，不能再登录；已登记的记录保留，仍显示其姓名。`,
        '停用',
      )
    )
      deactivate.mutate({ clientMutationId: uuid(), id, version: person.version })
  }
  const askReset = async () => {
    if (
      await confirmFirst(
        '重置密码？',
        `将为${person.displayName}生成新的初始密码，原密码失效，所有设备退出登录；本人首次登录后须修改。`,
        '重置',
      )
    )
      reset.mutate({ clientMutationId: uuid(), id })
  }
  const askUnbind = async () => {
    if (
      await confirmFirst(
        '解除微信绑定？',
        `${person.displayName}将不能再用微信登录，可重新生成邀请码绑定新的微信。`,
        '解除',
      )
    )
      unbind.mutate({ clientMutationId: uuid(), id })
  }

  return (
    <>
      {oneTimePassword ? (
        <OneTimePassword displayName={person.displayName} phone={person.phone} password={oneTimePassword} />
      ) : null}
      <View className="section" data-testid="person-account">
        <View className="section__title">账号</View>
        <Cell
          title="状态"
          extra={
            <View className="list-extra">
              {person.isActive ? <Tag type="success">在用</Tag> : <Tag type="default">已停用</Tag>}
              {person.isLocked ? <Tag type="danger">登录已锁定</Tag> : null}
            </View>
          }
        />
        <Cell title="登录方式" extra={signInText(person)} />
        <Cell title="最近登录" extra={person.lastLoginAt ? formatShanghaiDateTime(person.lastLoginAt) : '从未登录'} />
        {person.canManage ? (
          <View className="actions section__body">
            {person.isActive && !person.hasWechat ? (
              <Button size="small" type="primary" onClick={() => void Taro.navigateTo({ url: routes.invitations(id) })}>
                邀请绑定微信
              </Button>
            ) : null}
            {person.isActive && person.phone ? (
              <Button size="small" disabled={isBusy} onClick={() => void askReset()}>
                重置密码
              </Button>
            ) : null}
            {person.isLocked ? (
              <Button size="small" disabled={isBusy} onClick={() => unlock.mutate({ clientMutationId: uuid(), id })}>
                解除锁定
              </Button>
            ) : null}
            {person.hasWechat ? (
              <Button size="small" disabled={isBusy} onClick={() => void askUnbind()}>
                解除微信绑定
              </Button>
            ) : null}
            {person.isActive ? (
              <Button size="small" type="danger" fill="outline" disabled={isBusy} onClick={() => void askDeactivate()}>
                停用账号
              </Button>
            ) : (
              <Button
                size="small"
                type="primary"
                disabled={isBusy}
                onClick={() => reactivate.mutate({ clientMutationId: uuid(), id, version: person.version })}
              >
                重新启用
              </Button>
            )}
          </View>
        ) : (
          <View className="section__body muted">这个账号由管理员管理，您只能查看。</View>
        )}
      </View>
    </>
  )
}
