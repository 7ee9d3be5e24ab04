// Every page's address, in one place. Subpackage pages live under their package root.
import { INVITATION_PAGE } from '../../common/contracts/invitation/invitation-code'
import type { OrgFilterPurpose } from './org-filter'

const withQuery = (path: string, query: Record<string, string | undefined>) => {
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined && v !== '')
  return pairs.length ? `${path}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`).join('&')}` : path
}

export const routes = {
  login: '/package-auth/login/index',
  privacy: '/package-auth/privacy/index',
  changePassword: '/package-auth/change-password/index',
  /** 使用邀请码: `code` as typed, scanned or given in the QR code's link. */
  acceptInvitation: (code?: string) => withQuery(`/${INVITATION_PAGE}`, { code }),
  home: '/pages/home/index',
  primaryTab: '/pages/primary/index',
  secondaryTab: '/pages/secondary/index',
  mine: '/pages/mine/index',
  /** 统计: the charts, in their own subpackage with ECharts. */
  stats: '/package-stats/index/index',
  activityDetail: (id: string) => withQuery('/package-activity/detail/index', { id }),
  activityForm: (id?: string) => withQuery('/package-activity/form/index', { id }),
  /** 按组织筛选: a list's org filter (lib/org-filter.ts). */
  orgFilter: (purpose: OrgFilterPurpose) => withQuery('/package-activity/org-filter/index', { for: purpose }),
  /** 主题党日活动记录: the printable record sheet. */
  activityRecord: (id: string) => withQuery('/package-activity/record/index', { id }),
  visitForm: (query: { activityId?: string; householdId?: string; target?: 'CADRE' }) =>
    withQuery('/package-visit/form/index', query),
  visitDetail: (id: string) => withQuery('/package-visit/detail/index', { id }),
  donationForm: (activityId?: string) => withQuery('/package-donation/form/index', { activityId }),
  donationDetail: (id: string) => withQuery('/package-donation/detail/index', { id }),
  /** 捐赠对账 of an activity: received, handed over, balance. */
  handoverReconciliation: (activityId: string) => withQuery('/package-handover/reconciliation/index', { activityId }),
  /** 捐赠对账 of a village: its donations against what was handed over. */
  villageReconciliation: (villageId: string) => withQuery('/package-handover/reconciliation/index', { villageId }),
  /** 捐赠去向 of a donor org: all it gave, village by village, against what was handed over. */
  donorReconciliation: (donorOrgId: string) => withQuery('/package-handover/reconciliation/index', { donorOrgId }),
  /** 发放签收表 (public: its 公示 version) of an activity, or of a village and a period: printable. */
  handoverSignSheet: (query: { activityId?: string; villageId?: string; from?: string; to?: string; public?: '1' }) =>
    withQuery('/package-handover/sign-sheet/index', query),
  /** 发放签收记录 of an activity, with their states. */
  handoverList: (activityId: string) => withQuery('/package-handover/list/index', { activityId }),
  handoverRecord: (activityId: string) => withQuery('/package-handover/record/index', { activityId }),
  handoverSign: (id: string) => withQuery('/package-handover/sign/index', { id }),
  householdDetail: (id: string) => withQuery('/package-household/detail/index', { id }),
  householdForm: (id?: string) => withQuery('/package-household/form/index', { id }),
  /** 导入花名册: the .xlsx roster import, for those who may create households. */
  householdImport: '/package-household/import/index',
  needDetail: (id: string) => withQuery('/package-need/detail/index', { id }),
  /** 诉求看板 outside the tabs (the 工作台's overdue needs lead there). */
  needBoard: (view?: 'overdue') => withQuery('/package-need/board/index', { view }),
  needForm: (householdId?: string) => withQuery('/package-need/form/index', { householdId }),
  /** With category CORRECTION: asking to correct what the ledger holds (PIPL Art. 46). */
  submitNeed: (category?: 'CORRECTION') => withQuery('/package-resident/submit-need/index', { category }),
  myNeedDetail: (id: string) => withQuery('/package-resident/need-detail/index', { id }),
  bindHousehold: '/package-resident/bind/index',
  /** 发放签收: a resident confirms what the household received. */
  myReceipts: '/package-resident/handovers/index',
  /** 有诉必应日报, staff only. */
  dailyNeedsReport: '/package-report/daily-needs/index',
  /** 管理 → 人员与账号 (administrators, 支部书记). */
  people: '/package-people/list/index',
  personDetail: (id: string) => withQuery('/package-people/detail/index', { id }),
  /** 新建人员: an account with its first role, and its one-time password. */
  personForm: '/package-people/form/index',
  /** 邀请: one account's invitations, or, without `userId`, choosing whom to invite. */
  invitations: (userId?: string) => withQuery('/package-people/invitations/index', { userId }),
  /** 导入党员花名册. */
  memberImport: '/package-people/import/index',
  /** 待同步: what this phone has saved and the server does not have yet. */
  sync: '/package-sync/index/index',
  /** 处理冲突: a queued edit the server refused for a newer version; `id` is the queue item's. */
  syncConflict: (itemId: string) => withQuery('/package-sync/conflict/index', { id: itemId }),
  /** 管理: administrators, and secretaries for their own subtree (lib/roles.ts managementOf). */
  admin: '/package-admin/index/index',
  orgTree: '/package-admin/orgs/index',
  orgDetail: (id: string) => withQuery('/package-admin/org/index', { id }),
  /** 新建 under `parentId` (none: a top-level org), or 修改 the org `id`. */
  orgForm: (query: { id?: string; parentId?: string }) => withQuery('/package-admin/org-form/index', query),
  orgMove: (id: string) => withQuery('/package-admin/org-move/index', { id }),
  villageDirectory: '/package-admin/villages/index',
  villageAdmin: (id: string) => withQuery('/package-admin/village/index', { id }),
  villageForm: (id?: string) => withQuery('/package-admin/village-form/index', { id }),
  villagePair: (villageId: string) => withQuery('/package-admin/pair/index', { villageId }),
  villagePost: (villageId: string) => withQuery('/package-admin/post/index', { villageId }),
  villageImport: '/package-admin/village-import/index',
  auditLog: '/package-admin/audit/index',
  /** 任务运行: the server's scheduled jobs, administrators only. */
  jobs: '/package-admin/jobs/index',
} as const
