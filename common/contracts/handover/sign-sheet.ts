import { z } from 'zod'
import { isPeriodInOrder, PERIOD_OUT_OF_ORDER, REFUSE_UNKNOWN_FILTERS } from '../export/export-query'
import { ZDateOnly } from '../fields'

const sheetFilters = {
  activityId: z.uuid('活动编号格式不正确').optional(),
  villageId: z.uuid('村编号格式不正确').optional(),
  from: ZDateOnly.optional(),
  to: ZDateOnly.optional(),
}

/** A sheet is of one activity, or of one village (over a period, or all of it). */
const isOfActivityOrVillage = (q: { activityId?: string | undefined; villageId?: string | undefined }) =>
  Boolean(q.activityId || q.villageId)
const ACTIVITY_OR_VILLAGE = { path: ['villageId'], message: '请选择活动或村' }

/**
 * 发放签收表 of an activity, or of a village and a period: the filters of
 * GET /exports/handover-sign-sheet.xlsx (and its 公示 version). Ids and dates only; unknown
 * parameters are refused, as every export's.
 */
export const ZSignSheetExportRequestSchema = z
  .strictObject(sheetFilters, REFUSE_UNKNOWN_FILTERS)
  .refine(isPeriodInOrder, PERIOD_OUT_OF_ORDER)
  .refine(isOfActivityOrVillage, ACTIVITY_OR_VILLAGE)
export type TSignSheetExportRequest = z.infer<typeof ZSignSheetExportRequestSchema>

/** handover.signSheet: the same sheet for the printable page; `isPublic` for its 公示 version. */
export const ZSignSheetRequestSchema = z
  .object({ ...sheetFilters, isPublic: z.boolean().default(false) })
  .refine(isPeriodInOrder, PERIOD_OUT_OF_ORDER)
  .refine(isOfActivityOrVillage, ACTIVITY_OR_VILLAGE)
export type TSignSheetRequest = z.infer<typeof ZSignSheetRequestSchema>

/** The printable page lists at most this many rows; beyond it, the Excel file has them all. */
export const SIGN_SHEET_PAGE_ROWS = 2_000
