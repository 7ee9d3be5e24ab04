// Nothing a person types is cut: Taro's boxes stop at 140 characters unless told otherwise, on both
// targets, so every form box is told there is no limit, and a text over its contract's limit is
// refused by the contract's own message instead of being shortened behind the person's back.
import { act, fireEvent, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { NO_LENGTH_LIMIT, TextAreaField, TextField } from '../../src/components/TextField'
import LoginPage from '../../src/package-auth/login/index'
import SubmitNeedPage from '../../src/package-resident/submit-need/index'
import { renderWithApi, typeInto } from './render-with-api'
import { renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

const limitOf = (container: HTMLElement, name: string) =>
  container.querySelector(`[name="${name}"]`)?.getAttribute('maxlength')

describe('form boxes', () => {
  it('set no length limit, one line or several', () => {
    const { container } = renderWithApi(
      <>
        <TextField label="户编号" name="code" value="" onChange={() => {}} />
        <TextAreaField label="备注" name="note" value="" onChange={() => {}} />
      </>,
      () => ({ data: null }),
    )
    expect(limitOf(container, 'code')).toBe(String(NO_LENGTH_LIMIT))
    expect(limitOf(container, 'note')).toBe(String(NO_LENGTH_LIMIT))
  })

  it('keep a 501-character need whole and refuse it with the contract’s message', async () => {
    const { container, calls } = renderWithQueue(<SubmitNeedPage />, () => ({ data: null }))
    fireEvent.click(await screen.findByText('住房'))
    act(() => typeInto(container, 'description', '漏'.repeat(501)))
    expect(limitOf(container, 'description')).toBe(String(NO_LENGTH_LIMIT))
    fireEvent.click(screen.getByText('提交'))
    await screen.findByText('诉求内容不能超过 500 个字')
    expect(calls.filter((c) => c.path.startsWith('resident.'))).toEqual([])
  })

  it('refuse a 16-digit phone at 登录 rather than cutting it to 11', async () => {
    const { container, calls } = renderWithApi(<LoginPage />, () => ({ data: null }))
    act(() => {
      typeInto(container, 'phone', '1380000000212345')
      typeInto(container, 'password', 'a-password')
    })
    fireEvent.click(screen.getAllByText('登录').at(-1) as HTMLElement)
    await screen.findByText('手机号码应为 11 位数字，以 1 开头')
    expect(calls).toEqual([])
  })
})
