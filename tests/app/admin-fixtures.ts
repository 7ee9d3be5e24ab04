// The 管理 pages' tests: who is signed in (an administrator, or a 支部书记 of one branch), orgs as
// org.tree and org.byId answer them, and a page rendered as that person with a stand-in API.
import { configure } from '@testing-library/react'
import type { ReactElement } from 'react'
import { saveSession } from '../../src/lib/session'
import { type ApiAnswer, type ApiCall, renderWithApi } from './render-with-api'

// A page's first render loads NutUI and Taro's components: on a busy machine, more than the
// default second.
configure({ asyncUtilTimeout: 5_000 })

export const ids = {
  bureau: '0a000000-0000-4000-8000-000000000001',
  bureauBranch: '0a000000-0000-4000-8000-000000000002',
  lawyers: '0a000000-0000-4000-8000-000000000003',
  firm: '0a000000-0000-4000-8000-000000000004',
  closedFirm: '0a000000-0000-4000-8000-000000000005',
  village: '0b000000-0000-4000-8000-000000000001',
  admin: '0c000000-0000-4000-8000-0000000000a1',
  secretary: '0c000000-0000-4000-8000-0000000000a2',
} as const

const privacy = { version: '2025-01', agreedAt: '2025-01-01T00:00:00.000Z' }

export const ADMIN = {
  id: ids.admin,
  displayName: '系统管理员',
  roles: ['ADMIN'],
  memberships: [{ orgId: ids.bureau, orgName: '中共西宁市司法局机关委员会', role: 'ADMIN', title: '系统管理员' }],
  villages: [],
  household: null,
  hasPassword: true,
  mustChangePassword: false,
  privacy,
}

/** 王建国, secretary of the bureau's branch. */
export const SECRETARY = {
  ...ADMIN,
  id: ids.secretary,
  displayName: '王建国',
  roles: ['SECRETARY'],
  memberships: [{ orgId: ids.bureauBranch, orgName: '西宁市司法局机关党支部', role: 'SECRETARY', title: '支部书记' }],
}

type OrgKind = 'PARTY_COMMITTEE' | 'GENERAL_BRANCH' | 'BRANCH' | 'JOINT_BRANCH' | 'EXTERNAL'

/** An org as org.tree lists it. */
export const orgRow = (
  id: string,
  name: string,
  {
    parentId = null,
    kind = 'BRANCH',
    openChildCount = 0,
    isClosed = false,
    canManage = !isClosed,
    version = 1,
  }: {
    parentId?: string | null
    kind?: OrgKind
    openChildCount?: number
    isClosed?: boolean
    canManage?: boolean
    version?: number
  } = {},
) => ({
  id,
  name,
  shortName: null,
  kind,
  parentId,
  closedAt: isClosed ? new Date('2025-06-01T02:00:00Z') : null,
  closedReason: isClosed ? '律所注销' : null,
  version,
  depth: parentId ? 2 : 1,
  openChildCount,
  peopleCount: 3,
  pairedVillageCount: 0,
  isClosed,
  canManage,
})

/** An org as org.byId answers it: its row, where it sits, its pairings. */
export const orgDetail = (row: ReturnType<typeof orgRow>, ancestors: { id: string; name: string }[] = []) => ({
  ...row,
  ancestors,
  pairings: [],
})

export const page = <T>(items: T[], nextCursor: string | null = null) => ({ items, nextCursor })

export type Respond = (call: ApiCall) => ApiAnswer | undefined

/**
 * Renders a page signed in as `me`. Calls `respond` does not answer get an empty list (the offline
 * copy's prefetch asks for org.list and village.list).
 */
export const renderAs = (me: typeof ADMIN, ui: ReactElement, respond: Respond) => {
  saveSession({ token: 'test-token', expiresAt: new Date(Date.now() + 3_600_000) })
  return renderWithApi(ui, (call) => (call.path === 'auth.me' ? { data: me } : (respond(call) ?? { data: [] })))
}

/** A refusal as the server sends it: Chinese message, stable code, field errors. */
export const refusal = (
  appCode: string,
  message: string,
  { httpStatus = 409, fieldErrors = {} }: { httpStatus?: number; fieldErrors?: Record<string, string[]> } = {},
): ApiAnswer => ({
  error: {
    message,
    data: {
      code: httpStatus === 400 ? 'BAD_REQUEST' : httpStatus === 403 ? 'FORBIDDEN' : 'CONFLICT',
      httpStatus,
      appCode,
      zodError: { formErrors: [], fieldErrors },
    },
  },
})
