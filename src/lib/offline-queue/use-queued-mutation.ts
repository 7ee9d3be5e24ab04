// Every write the app makes goes through the offline queue. The hook gives the input its
// clientMutationId (and a create its client-made id), queues it, and answers at once when
// offline. Online, it waits a few seconds for the first attempt, so that a refusal while the
// person is still on the form shows beside the fields as before (the refused item is then taken
// back out of the queue: the form still holds what they typed).
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server'
import { useEffect, useRef, useState } from 'react'
import type { AppRouter } from '../api-types'
import { rememberRecord } from '../recent-records'
import { toast } from '../toast'
import { uuid } from '../uuid'
import { useOfflineQueue } from './context'
import type { FirstAttempt } from './types'

type Inputs = inferRouterInputs<AppRouter>
type Outputs = inferRouterOutputs<AppRouter>

/**
 * The record writes the app makes, all through the queue. Sent directly, never queued: auth.*
 * (a session is made or ended on the spot), household.reveal (an online read that logs who looked),
 * resident.bindHousehold (the server checks the code there and then), and the administration of
 * people (user.*, invitation.*: one-time passwords and invitation codes are answered once, to the
 * person who asked, while they wait).
 */
export type QueuedProcedure =
  | 'activity.create'
  | 'activity.update'
  | 'visit.create'
  | 'visit.update'
  | 'donation.create'
  | 'donation.update'
  | 'donation.void'
  | 'household.create'
  | 'household.update'
  | 'need.create'
  | 'need.transition'
  | 'resident.submitNeed'
  | 'handover.confirm'
  | 'handover.create'
  | 'handover.sign'

type Split<P> = P extends `${infer R extends keyof Inputs & keyof Outputs}.${infer K}` ? [R, K] : never
type InputOf<P extends QueuedProcedure> =
  Split<P> extends [infer R extends keyof Inputs, infer K extends string]
    ? Omit<Inputs[R][K & keyof Inputs[R]], 'clientMutationId'>
    : never
type OutputOf<P extends QueuedProcedure> =
  Split<P> extends [infer R extends keyof Outputs, infer K extends string] ? Outputs[R][K & keyof Outputs[R]] : never

/** The procedures whose input takes an optional `id`: a record the device may name itself. */
type TakesClientId = {
  [P in QueuedProcedure]: 'id' extends keyof InputOf<P> ? (undefined extends InputOf<P>['id'] ? P : never) : never
}[QueuedProcedure]

/**
 * The creates that get a client-made id, so later queued items can refer to the record (and a
 * replay after the key was pruned is known as ALREADY_RECORDED). Checked against the server's
 * input types: a procedure here whose input has no optional `id` does not compile.
 */
const CLIENT_ID_CREATES: ReadonlySet<string> = new Set<TakesClientId>([
  'activity.create',
  'visit.create',
  'donation.create',
  'household.create',
  'need.create',
  'resident.submitNeed',
  'handover.create',
])

export type Saved<P extends QueuedProcedure> =
  /** The server has it: its answer. */
  | { isSynced: true; result: OutputOf<P> }
  /** Kept on the phone, to be sent; `id` is the record's (client-made, for a create). */
  | { isSynced: false; id: string | undefined }

/** How long an open form waits for the first attempt before it counts as 已保存，待同步. */
export const FIRST_ATTEMPT_WAIT_MS = 4_000

export const QUEUED_TOAST = '已保存，待同步'

export const useQueuedMutation = <P extends QueuedProcedure>(
  procedure: P,
  {
    onSaved,
    onError,
    waitMs = FIRST_ATTEMPT_WAIT_MS,
  }: {
    onSaved: (saved: Saved<P>) => void
    /** The server refused the first attempt while the form was open: its error, as useForm takes it. */
    onError: (error: unknown) => void
    waitMs?: number
  },
) => {
  const queue = useOfflineQueue()
  // One key per submission: a second tap resends the same one (the queue keeps one item).
  const keys = useRef({ clientMutationId: uuid(), id: uuid() })
  const isMounted = useRef(true)
  useEffect(
    () => () => {
      isMounted.current = false
    },
    [],
  )
  const [isPending, setPending] = useState(false)
  const isWaiting = useRef(false)

  const mutate = async (input: InputOf<P>) => {
    if (isWaiting.current) return
    const raw = input as Record<string, unknown>
    const full = CLIENT_ID_CREATES.has(procedure) && !raw.id ? { ...raw, id: keys.current.id } : { ...raw }
    let queued: ReturnType<typeof queue.enqueue>
    try {
      queued = queue.enqueue(procedure, full, { clientMutationId: keys.current.clientMutationId })
    } catch {
      toast('手机存储空间不足，未能保存；请清理存储后再试')
      return
    }
    isWaiting.current = true
    setPending(true)
    const timeout = new Promise<FirstAttempt>((resolve) => setTimeout(() => resolve({ status: 'queued' }), waitMs))
    const outcome: FirstAttempt = queue.getSnapshot().isOnline
      ? await Promise.race([queued.firstAttempt, timeout])
      : { status: 'queued' }
    isWaiting.current = false
    if (!isMounted.current) return
    setPending(false)
    if (outcome.status === 'failed') {
      // Shown on the form instead; the 待同步 page would only repeat it.
      queue.discard(queued.item.id)
      onError(outcome.cause)
      return
    }
    keys.current = { clientMutationId: uuid(), id: uuid() }
    if (CLIENT_ID_CREATES.has(procedure))
      rememberRecord(procedure, typeof full.id === 'string' ? full.id : undefined, full)
    if (outcome.status === 'synced') return onSaved({ isSynced: true, result: outcome.result as OutputOf<P> })
    onSaved({ isSynced: false, id: typeof full.id === 'string' ? full.id : undefined })
  }

  return { mutate: (input: InputOf<P>) => void mutate(input), isPending }
}
