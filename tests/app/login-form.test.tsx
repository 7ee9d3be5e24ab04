// 登录 checks its input with the server's own schema before sending, and shows the server's
// answers beside the fields they concern.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import LoginPage from '../../src/package-auth/login/index'
import { renderWithApi, typeInto } from './render-with-api'

const tapLogin = () => fireEvent.click(screen.getAllByText('登录').at(-1) as HTMLElement)

describe('登录', () => {
  it('explains each missing or malformed field without calling the API', async () => {
    const { calls } = renderWithApi(<LoginPage />, () => ({ data: null }))
    tapLogin()
    await screen.findByText('手机号码应为 11 位数字，以 1 开头')
    expect(screen.getByText('请输入密码')).toBeTruthy()
    expect(calls).toEqual([])
  })

  it('sends a well-formed login and shows the server’s refusal in Chinese', async () => {
    const { container, calls } = renderWithApi(<LoginPage />, () => ({
      error: {
        message: '手机号或密码不正确，请重新输入',
        data: { code: 'UNAUTHORIZED', httpStatus: 401, appCode: 'INVALID_CREDENTIALS', zodError: null },
      },
    }))
    act(() => {
      typeInto(container, 'phone', '13800000002')
      typeInto(container, 'password', 'wrong-password')
    })
    tapLogin()
    await screen.findByText('手机号或密码不正确，请重新输入')
    expect(calls).toEqual([
      { path: 'auth.loginWithPassword', input: { phone: '13800000002', password: 'wrong-password' } },
    ])
  })

  it('puts the server’s field errors beside their fields', async () => {
    const { container } = renderWithApi(<LoginPage />, () => ({
      error: {
        message: '手机号码应为 11 位数字，以 1 开头',
        data: {
          code: 'BAD_REQUEST',
          httpStatus: 400,
          appCode: 'VALIDATION_FAILED',
          zodError: { formErrors: [], fieldErrors: { phone: ['该手机号已停用'] } },
        },
      },
    }))
    act(() => {
      typeInto(container, 'phone', '13800000002')
      typeInto(container, 'password', 'x')
    })
    tapLogin()
    await waitFor(() => expect(screen.getByText('该手机号已停用')).toBeTruthy())
  })
})
