import { z } from 'zod'
import { wholeRecord, ZClientMutationId } from '../fields'
import { ZHandoverDraws } from '../handover/handover-draws'
import { ZRaisedNeed, ZVisitFields, ZVisitTarget } from './visit-fields'

export const ZCreateVisitRequestSchema = ZVisitFields.extend(ZVisitTarget.shape)
  .extend({
    clientMutationId: ZClientMutationId,
    id: z.uuid().optional(),
    /** 群众诉求 raised during the visit; each becomes a Need in the same transaction. */
    needs: z.array(ZRaisedNeed).max(10, '一次走访最多登记 10 条诉求').default([]),
    /** The donations the goods and 慰问金 handed over came from (the visit's handover draws on them). */
    draws: ZHandoverDraws,
  })
  .superRefine(
    ...wholeRecord<{ target: string; householdId?: string | null; cadreUserId?: string | null; needs: unknown[] }>(
      (visit, ctx) => {
        if (visit.target === 'HOUSEHOLD' && !visit.householdId) {
          ctx.addIssue({ code: 'custom', path: ['householdId'], message: '请选择走访的困难户' })
        }
        if (visit.target === 'CADRE' && !visit.cadreUserId) {
          ctx.addIssue({ code: 'custom', path: ['cadreUserId'], message: '请选择走访的驻村干部' })
        }
        if (visit.target === 'CADRE' && visit.needs.length) {
          ctx.addIssue({ code: 'custom', path: ['needs'], message: '诉求需登记到具体的困难户，请在走访困难户时填写' })
        }
      },
    ),
  )
export type TCreateVisitRequest = z.infer<typeof ZCreateVisitRequestSchema>
