// An account as the people pages show it. Staff phones are staff contact data: in full to those
// who manage the account (administrators, the member's own secretary), masked to the others.
import { dateToDateOnly } from '../../../common/dates'
import type { Role } from '../../../common/enums'
import { maskPhone } from '../../../common/personal-data'
import { isLive } from '../auth/periods'

export const phoneFor = (phone: string | null, canManage: boolean) => ({
  phone: phone && !canManage ? maskPhone(phone) : phone,
  isPhoneMasked: Boolean(phone) && !canManage,
})

type RoleRow = {
  id: string
  role: Role
  title: string | null
  startedOn: Date
  endedOn: Date | null
  org: { id: string; name: string; closedAt: Date | null }
}

type PostRow = {
  id: string
  post: string
  startedOn: Date
  endedOn: Date | null
  village: { id: string; name: string; township: string; county: string }
}

const periodOf = (row: { startedOn: Date; endedOn: Date | null }, day: Date) => ({
  startedOn: dateToDateOnly(row.startedOn),
  endedOn: row.endedOn ? dateToDateOnly(row.endedOn) : null,
  isCurrent: isLive(row, day),
})

export const toRoleView = (row: RoleRow, day: Date) => ({
  id: row.id,
  role: row.role,
  title: row.title,
  org: { id: row.org.id, name: row.org.name, isClosed: row.org.closedAt !== null },
  ...periodOf(row, day),
})

export const toPostView = (row: PostRow, day: Date) => ({
  id: row.id,
  post: row.post,
  village: row.village,
  ...periodOf(row, day),
})
