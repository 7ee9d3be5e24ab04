// What every change on 人员详情 does with the server's answer: the account as it is now replaces the
// page's copy, and the people list is read again. Refusals are shown in the server's own words.
import { useQueryClient } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import type { RouterOutputs } from '../../lib/api-types'
import { userMessage } from '../../lib/errors'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'

export type Person = RouterOutputs['user']['byId']

export const usePersonChange = (id: string) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  return {
    onChanged: (person: Person, message?: string) => {
      queryClient.setQueryData(trpc.user.byId.queryKey({ id }), person)
      void queryClient.invalidateQueries({ queryKey: trpc.user.list.pathKey() })
      if (message) toast(message)
    },
    onRefused: (error: unknown) => toast(userMessage(error)),
  }
}

/** Asks before a change the person would not want by mistake; true when they confirm. */
export const confirmFirst = async (title: string, content: string, confirmText: string): Promise<boolean> => {
  const { confirm } = await Taro.showModal({ title, content, confirmText, cancelText: '取消' })
  return confirm
}
