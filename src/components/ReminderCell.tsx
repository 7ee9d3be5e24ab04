// 待办提醒 on 我的, for 驻村干部 and 支部书记: in the mini-program a tap asks WeChat for one reminder
// (a one-time subscribe grant) and records it; on H5 it says that reminders come through the
// mini-program, while the 工作台's 待办 shows the same items.
import { Cell } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import type { Role } from '../../common/enums'
import { askReminders, HAS_REMINDERS } from '../lib/reminders/ask-reminders'
import { toast } from '../lib/toast'
import { useTRPC, useTRPCClient } from '../lib/trpc'
import { uuid } from '../lib/uuid'

const REMINDED_ROLES: readonly Role[] = ['CADRE', 'SECRETARY']

export const isReminded = (roles: readonly Role[]): boolean => roles.some((role) => REMINDED_ROLES.includes(role))

const ANSWERS = {
  recorded: '已开启：有到期的待办时，微信会提醒您一次',
  refused: '未开启提醒，待办仍可在工作台查看',
  unrecorded: '网络不佳，提醒未开启，请稍后再试',
} as const

export function ReminderCell() {
  const trpc = useTRPC()
  const client = useTRPCClient()
  const templates = useQuery({ ...trpc.notice.templates.queryOptions(), enabled: HAS_REMINDERS })
  if (!HAS_REMINDERS) {
    return <Cell title="待办提醒" description="提醒通过微信小程序发送；在这里，工作台的“待办”列出同样的事项" />
  }
  const templateId = templates.data?.reminder ?? null
  if (!templateId) return null
  const turnOn = async () => {
    const answer = await askReminders(templateId, (templateIds) =>
      client.notice.recordGrants.mutate({ clientMutationId: uuid(), templateIds }),
    )
    toast(ANSWERS[answer])
  }
  return (
    <Cell
      title="开启待办提醒"
      description="诉求到期、待回访、该走访的户、本月主题党日：每开启一次，微信提醒您一条"
      onClick={() => void turnOn()}
    />
  )
}
