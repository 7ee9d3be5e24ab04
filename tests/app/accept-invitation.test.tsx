// 使用邀请码 on H5: the code arrives from GET /invite's link (or a scanned QR code's link in the
// mini-program, as `q`), the person gives the account's phone and chooses a password, checked
// with the server's own schema; the server's answer is a session, kept as a login keeps it, and
// the app goes on to the privacy notice; its refusals are shown in its own words.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { readSession } from '../../src/lib/session'
import { AcceptInvitation, codeFromQuery } from '../../src/package-auth/invitation/index'
import { renderWithApi, typeInto } from './render-with-api'
import { answerTaro, stubTaroEachTest } from './stub-taro'

// The session is kept with Taro's storage, which the H5 package exports by name only.
vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

stubTaroEachTest()

const STAFF_ID = '01940000-0000-7000-8000-0000000000c1'

const session = {
  token: 'new-staff-token',
  expiresAt: new Date(Date.now() + 86_400_000),
  user: {
    id: STAFF_ID,
    displayName: '吴晓梅',
    roles: ['SECRETARY'],
    memberships: [],
    villages: [],
    household: null,
    hasPassword: true,
    mustChangePassword: false,
    privacy: { version: '2025-01', agreedAt: null },
  },
}

const fillIn = (container: HTMLElement, fields: Record<string, string>) =>
  act(() => {
    for (const [name, value] of Object.entries(fields)) typeInto(container, name, value)
  })

describe('使用邀请码', () => {
  it('reads the code from the page’s query: typed, or inside the QR code’s link', () => {
    expect(codeFromQuery({ code: 'k7qm3xhp' })).toBe('K7QM-3XHP')
    expect(codeFromQuery({ q: encodeURIComponent('https://ledger.example.gov.cn/invite?code=K7QM3XHP') })).toBe(
      'K7QM-3XHP',
    )
    expect(codeFromQuery({ q: '%E0%A4%A' })).toBe('')
    expect(codeFromQuery({ code: 'K7QM3XH0' })).toBe('')
    expect(codeFromQuery({})).toBe('')
  })

  it('sets the password with the code and phone, keeps the session, and goes on to the privacy notice', async () => {
    const reLaunch = answerTaro('reLaunch', { errMsg: 'reLaunch:ok' })
    const { container, calls } = renderWithApi(<AcceptInvitation initialCode="K7QM-3XHP" />, () => ({
      data: session,
    }))
    fillIn(container, { phone: '13712340000', newPassword: 'Qianyue2025', repeated: 'Qianyue2025' })
    fireEvent.click(screen.getByText('设置密码并进入'))
    await waitFor(() => expect(reLaunch).toHaveBeenCalledWith({ url: '/package-auth/privacy/index' }))
    expect(calls).toEqual([
      {
        path: 'invitation.acceptWithPassword',
        input: { code: 'K7QM3XHP', phone: '13712340000', newPassword: 'Qianyue2025' },
      },
    ])
    expect(readSession()).toMatchObject({ token: 'new-staff-token', userId: STAFF_ID, persona: 'SECRETARY' })
  })

  it('checks the fields before sending anything', async () => {
    const { container, calls } = renderWithApi(<AcceptInvitation initialCode="" />, () => ({ data: session }))
    fillIn(container, { phone: '1371234', newPassword: 'onlyletters', repeated: 'onlyletters' })
    fireEvent.click(screen.getByText('设置密码并进入'))
    await screen.findByText('邀请码应为 8 位字母和数字，如 K7QM-3XHP，请核对')
    expect(screen.getByText('手机号码应为 11 位数字，以 1 开头')).toBeTruthy()
    expect(screen.getByText('新密码需同时包含字母和数字')).toBeTruthy()
    fillIn(container, { code: 'K7QM-3XHP', phone: '13712340000', newPassword: 'Qianyue2025', repeated: 'Qianyue2024' })
    fireEvent.click(screen.getByText('设置密码并进入'))
    await screen.findByText('两次输入的密码不一致')
    expect(calls).toEqual([])
  })

  it('shows the server’s refusal in its own words, and keeps no session', async () => {
    const message = '邀请码已过期，请联系管理员或支部书记重新生成'
    const { container } = renderWithApi(<AcceptInvitation initialCode="K7QM-3XHP" />, () => ({
      error: { message, data: { code: 'CONFLICT', httpStatus: 409, appCode: 'INVITATION_EXPIRED', zodError: null } },
    }))
    fillIn(container, { phone: '13712340000', newPassword: 'Qianyue2025', repeated: 'Qianyue2025' })
    fireEvent.click(screen.getByText('设置密码并进入'))
    await screen.findByText(message)
    expect(readSession()).toBeNull()
  })
})
