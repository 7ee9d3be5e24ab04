// One account's invitations: 生成邀请码 (a new one revokes the open one before it), the new one's QR
// code and code, and every invitation with its state (待使用 / 已使用 / 已过期 / 已撤销), the open
// one revocable. Codes are shown only when made: the list never has them.
import { Button, Cell, Tag } from '@nutui/nutui-react-taro'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import { INVITATION_STATE_LABELS } from '../../../common/contracts/invitation/invitation-state'
import { INVITATIONS_LISTED } from '../../../common/contracts/invitation/list-invitations'
import { formatShanghaiDateTime } from '../../../common/dates'
import { ListState } from '../../components/ListState'
import { QueryState } from '../../components/QueryState'
import { userMessage } from '../../lib/errors'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { uuid } from '../../lib/uuid'
import { confirmFirst } from '../detail/use-person-change'
import { InvitationCard, type NewInvitation } from './InvitationCard'

type Props = { userId: string; invitation: NewInvitation | null; onCreated: (invitation: NewInvitation) => void }

export const InvitePerson = ({ userId, invitation, onCreated }: Props) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const person = useQuery(trpc.user.byId.queryOptions({ id: userId }))
  const invitations = useQuery(trpc.invitation.list.queryOptions({ userId }))
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey({ userId }) })
    void queryClient.invalidateQueries({ queryKey: trpc.user.byId.queryKey({ id: userId }) })
  }
  const create = useMutation(
    trpc.invitation.create.mutationOptions({
      onSuccess: (made) => {
        onCreated(made)
        refresh()
      },
      onError: (error) => toast(userMessage(error)),
    }),
  )
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: () => {
        toast('邀请码已撤销')
        refresh()
      },
      onError: (error) => toast(userMessage(error)),
    }),
  )
  const askRevoke = async (id: string) => {
    if (await confirmFirst('撤销这个邀请码？', '撤销后邀请码立即失效，需要时可重新生成。', '撤销'))
      revoke.mutate({ clientMutationId: uuid(), id })
  }

  return (
    <QueryState query={person}>
      {(p) => (
        <View>
          {invitation && invitation.userId === userId ? (
            <InvitationCard invitation={invitation} displayName={p.displayName} />
          ) : null}
          <View className="section">
            <View className="section__title">{p.displayName}</View>
            <View className="section__body">
              {p.hasWechat
                ? '该账号已绑定微信，无需邀请；如需换绑，请先在人员详情中解除绑定。'
                : p.isActive
                  ? '生成邀请码后，本人扫码或输入邀请码即可绑定微信登录（7 天内有效，只能使用一次；新生成的会让之前未用的失效）。'
                  : '该账号已停用，请先启用再邀请。'}
            </View>
            {!p.hasWechat && p.isActive && p.canManage ? (
              <View className="section__body">
                <Button
                  type="primary"
                  block
                  loading={create.isPending}
                  onClick={() => create.mutate({ clientMutationId: uuid(), userId })}
                >
                  {invitation ? '重新生成邀请码' : '生成邀请码'}
                </Button>
              </View>
            ) : null}
          </View>
          <View className="section" data-testid="invitation-list">
            <View className="section__title">邀请记录</View>
            {(invitations.data ?? []).map((i) => (
              <Cell
                key={i.id}
                title={`${formatShanghaiDateTime(i.createdAt)} 生成`}
                description={`${i.createdBy.displayName ?? ''} · ${
                  i.acceptedAt
                    ? `${formatShanghaiDateTime(i.acceptedAt)} 已使用`
                    : `${formatShanghaiDateTime(i.expiresAt)} 前有效`
                }`}
                extra={
                  i.state === 'PENDING' ? (
                    <Button size="small" fill="outline" onClick={() => void askRevoke(i.id)}>
                      撤销
                    </Button>
                  ) : (
                    <Tag type={i.state === 'ACCEPTED' ? 'success' : 'default'}>{INVITATION_STATE_LABELS[i.state]}</Tag>
                  )
                }
              />
            ))}
            <ListState
              isLoading={invitations.isLoading}
              error={invitations.error}
              isEmpty={invitations.data?.length === 0}
              emptyText="还没有生成过邀请码"
              onRetry={() => void invitations.refetch()}
            />
            {invitations.data?.length === INVITATIONS_LISTED ? (
              <View className="muted">只列出最近 {INVITATIONS_LISTED} 次邀请</View>
            ) : null}
          </View>
        </View>
      )}
    </QueryState>
  )
}
