// 邀请: with `?userId=`, that account's invitations (生成, 转发/保存/复制, 撤销); without, choosing
// whom to invite. In the mini-program a new invitation is forwarded as a card that opens
// 使用邀请码 with its code (the page's share handler, which only the page itself may declare).
import { useRouter, useShareAppMessage } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { PageShell } from '../../components/PageShell'
import { routes } from '../../lib/routes'
import { ChoosePerson } from './ChoosePerson'
import type { NewInvitation } from './InvitationCard'
import { InvitePerson } from './InvitePerson'

export default function InvitationsPage() {
  const userId = useRouter().params.userId
  const [invitation, setInvitation] = useState<NewInvitation | null>(null)
  const latest = useRef<NewInvitation | null>(null)
  latest.current = invitation
  useShareAppMessage(() => {
    const shared = latest.current
    return shared
      ? { title: '邀请您使用「党日帮扶台账」，点开即可绑定微信登录', path: routes.acceptInvitation(shared.code) }
      : { title: '党日帮扶台账', path: routes.home }
  })
  return (
    <PageShell>
      {userId ? <InvitePerson userId={userId} invitation={invitation} onCreated={setInvitation} /> : <ChoosePerson />}
    </PageShell>
  )
}
