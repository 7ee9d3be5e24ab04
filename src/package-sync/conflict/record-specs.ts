// 处理冲突, per kind of record: the record as byId returns it, put in the shape its update takes
// (so that field-diff.ts compares like with like), the fields' names as the forms show them, the
// labels of their codes, and the names of the ids it refers to (which the page shows instead).
import {
  ACTIVITY_KIND_LABELS,
  ACTIVITY_STATUS_LABELS,
  HELP_MEASURE_LABELS,
  HOUSEHOLD_CATEGORY_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  NEED_CATEGORY_LABELS,
  NEED_URGENCY_LABELS,
} from '../../../common/enums'
import type { RouterOutputs } from '../../lib/api-types'

/** The records whose edits carry a `version`, and so may conflict. */
export const CONFLICT_ROUTERS = ['activity', 'visit', 'donation', 'household', 'need'] as const
export type ConflictRouter = (typeof CONFLICT_ROUTERS)[number]

export const conflictRouterOf = (procedure: string): ConflictRouter | null => {
  const [router, action] = procedure.split('.')
  return action === 'update' && (CONFLICT_ROUTERS as readonly string[]).includes(router ?? '')
    ? (router as ConflictRouter)
    : null
}

/** The server's record, ready to compare with a queued update. */
export type ServerRecord = {
  version: number
  /** In the update's shape; undefined for a field the server only shows masked. */
  values: Record<string, unknown>
  /** What to show for those masked fields. */
  masked: Record<string, string>
  /** Id → name, for the ids the record refers to (village, orgs, visitors…). */
  names: Record<string, string>
}

export type RecordSpec = {
  /** The fields' names, as the forms label them. */
  labels: Record<string, string>
  /** Field → its codes' labels. */
  codes: Record<string, Record<string, string>>
}

const named = (entries: ({ id: string; name: string } | null | undefined)[]): Record<string, string> =>
  Object.fromEntries(entries.filter((e): e is { id: string; name: string } => Boolean(e)).map((e) => [e.id, e.name]))

type Outputs = {
  activity: RouterOutputs['activity']['byId']
  visit: RouterOutputs['visit']['byId']
  donation: RouterOutputs['donation']['byId']
  household: RouterOutputs['household']['byId']
  need: RouterOutputs['need']['byId']
}

export const toServerRecord: { [R in ConflictRouter]: (record: Outputs[R]) => ServerRecord } = {
  activity: (a) => ({
    version: a.version,
    values: {
      kind: a.kind,
      theme: a.theme,
      heldOn: a.heldOn,
      villageId: a.village?.id ?? null,
      place: a.place,
      organiserOrgId: a.organiserOrg.id,
      // The form sends the orgs besides the organiser, which the server lists with them.
      participantOrgIds: a.orgs.map((o) => o.id).filter((id) => id !== a.organiserOrg.id),
      summary: a.summary,
      expectedCount: a.expectedCount,
      presentCount: a.presentCount,
      absences: a.absences,
      status: a.status,
    },
    masked: {},
    names: named([
      a.village,
      { id: a.organiserOrg.id, name: a.organiserOrg.shortName ?? a.organiserOrg.name },
      ...a.orgs.map((o) => ({ id: o.id, name: o.shortName ?? o.name })),
    ]),
  }),
  visit: (v) => ({
    version: v.version,
    values: {
      visitedOn: v.visitedOn,
      // The one who logged it always went; the form lists only the others.
      visitorIds: v.visitors.map((u) => u.id).filter((id) => id !== v.createdById),
      healthNotes: v.healthNotes,
      livingConditions: v.livingConditions,
      difficulties: v.difficulties,
      goods: v.goods.map(({ item, quantity, unit, unitValueFen }) => ({ item, quantity, unit, unitValueFen })),
      cashFen: v.cashFen,
    },
    masked: {},
    names: named(v.visitors.map((u) => ({ id: u.id, name: u.displayName }))),
  }),
  donation: (d) => ({
    version: d.version,
    values: { activityId: d.activity?.id ?? null, receivedOn: d.receivedOn, note: d.note },
    masked: {},
    names: named([d.activity ? { id: d.activity.id, name: d.activity.theme } : null]),
  }),
  household: (h) => ({
    version: h.version,
    values: {
      code: h.code,
      headName: h.headName,
      // Only masked on the server: an edit of mine replaces it, the server's is kept by leaving it out.
      idNumber: undefined,
      phone: undefined,
      groupName: h.groupName,
      householdType: h.householdType,
      category: h.category,
      incomePerCapitaFen: h.incomePerCapitaFen,
      wageIncomeFen: h.wageIncomeFen,
      businessIncomeFen: h.businessIncomeFen,
      propertyIncomeFen: h.propertyIncomeFen,
      transferIncomeFen: h.transferIncomeFen,
      helpMeasures: h.helpMeasures,
      responsibleUserId: h.responsibleUser?.id ?? null,
      monitoringStartedOn: h.monitoringStartedOn,
      monitoringEndedOn: h.monitoringEndedOn,
      notes: h.notes,
      members: h.members.map((m) => ({
        id: m.id,
        name: m.name,
        relationship: m.relationship,
        health: m.health ?? undefined,
        laborCapacity: m.laborCapacity,
        schoolStatus: m.schoolStatus,
        workInfo: m.workInfo,
      })),
      risks: h.risks,
    },
    masked: {
      ...(h.idNumberMasked ? { idNumber: h.idNumberMasked } : {}),
      ...(h.phoneMasked ? { phone: h.phoneMasked } : {}),
    },
    names: named([h.responsibleUser ? { id: h.responsibleUser.id, name: h.responsibleUser.displayName } : null]),
  }),
  need: (n) => ({
    version: n.version,
    values: { category: n.category, description: n.description, urgency: n.urgency, dueOn: n.dueOn },
    masked: {},
    names: {},
  }),
}

export const RECORD_SPECS: Record<ConflictRouter, RecordSpec> = {
  activity: {
    labels: {
      kind: '活动类型',
      theme: '活动主题',
      heldOn: '活动日期',
      villageId: '活动村',
      place: '活动地点',
      organiserOrgId: '组织单位',
      participantOrgIds: '参加单位',
      summary: '活动小结',
      expectedCount: '应到人数',
      presentCount: '实到人数',
      absences: '缺席人员及原因',
      status: '发布状态',
    },
    codes: { kind: ACTIVITY_KIND_LABELS, status: ACTIVITY_STATUS_LABELS },
  },
  visit: {
    labels: {
      visitedOn: '走访日期',
      visitorIds: '同行人员',
      healthNotes: '健康状况',
      livingConditions: '家庭生活情况',
      difficulties: '实际困难',
      goods: '慰问物资',
      cashFen: '慰问金',
    },
    codes: {},
  },
  donation: {
    labels: { activityId: '关联活动', receivedOn: '接收日期', note: '备注' },
    codes: {},
  },
  household: {
    labels: {
      code: '户编号',
      headName: '户主姓名',
      idNumber: '户主身份证号码',
      phone: '联系电话',
      groupName: '所在组',
      householdType: '户类型',
      category: '监测对象类别',
      incomePerCapitaFen: '家庭人均纯收入',
      wageIncomeFen: '工资性收入',
      businessIncomeFen: '生产经营性收入',
      propertyIncomeFen: '财产性收入',
      transferIncomeFen: '转移性收入',
      helpMeasures: '帮扶措施',
      responsibleUserId: '帮扶责任人',
      monitoringStartedOn: '识别监测日期',
      monitoringEndedOn: '监测结束日期',
      notes: '备注',
      members: '家庭成员',
      risks: '致贫返贫风险',
    },
    codes: {
      householdType: HOUSEHOLD_TYPE_LABELS,
      category: HOUSEHOLD_CATEGORY_LABELS,
      helpMeasures: HELP_MEASURE_LABELS,
    },
  },
  need: {
    labels: { category: '类别', description: '诉求内容', urgency: '紧急程度', dueOn: '期望办结日期' },
    codes: { category: NEED_CATEGORY_LABELS, urgency: NEED_URGENCY_LABELS },
  },
}
