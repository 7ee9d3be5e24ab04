// Renders a page or component with the app's providers and a stand-in API: each call is answered
// by `respond`, in the shapes the real server sends (data, or an error with appCode and zodError).
import { QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client'
import { observable } from '@trpc/server/observable'
import type { ReactElement } from 'react'
import type { AppRouter } from '../../server/routers/app-router'
import { makeQueryClient, TRPCProvider } from '../../src/lib/trpc'

export type ApiError = {
  message: string
  data: {
    code: string
    httpStatus: number
    appCode: string
    zodError?: { formErrors: string[]; fieldErrors: Record<string, string[]> } | null
  }
}
export type ApiAnswer = { data: unknown } | { error: ApiError }
export type ApiCall = { path: string; input: unknown }

export const renderWithApi = (ui: ReactElement, respond: (call: ApiCall) => ApiAnswer) => {
  const calls: ApiCall[] = []
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        const call = { path: op.path, input: op.input }
        calls.push(call)
        const answer = respond(call)
        if ('error' in answer) {
          observer.error(TRPCClientError.from({ error: { ...answer.error, code: -32600 } }))
          return
        }
        observer.next({ result: { type: 'data', data: answer.data } })
        observer.complete()
      })
  const queryClient = makeQueryClient()
  const trpcClient = createTRPCClient<AppRouter>({ links: [link] })
  const rendered = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {ui}
      </TRPCProvider>
    </QueryClientProvider>,
  )
  return { ...rendered, calls }
}

/** Types into the Taro Input named `name` (a <taro-input-core> web component in jsdom). */
export const typeInto = (container: HTMLElement, name: string, text: string) => {
  const input = container.querySelector(`taro-input-core[name="${name}"], taro-textarea-core[name="${name}"]`)
  if (!input) throw new Error(`no input named ${name}`)
  input.dispatchEvent(new CustomEvent('input', { detail: { value: text }, bubbles: true }))
}
