// Who takes a handover's evidence on their phone (the recipient's signature, the photos of the
// handover): its giver or whoever recorded it, the village's record keepers, or a secretary who
// reaches the village. The caller has found the handover in handoverScope.
import type { Actor } from '../auth/actor'
import { hasRole } from '../auth/actor'
import { keepsRecordsOf } from '../scope'

export const takesEvidenceOf = (
  actor: Actor,
  handover: { createdById: string | null; handedOverById: string | null; villageId: string },
): boolean =>
  handover.createdById === actor.userId ||
  handover.handedOverById === actor.userId ||
  keepsRecordsOf(actor, handover.villageId) ||
  hasRole(actor, 'SECRETARY')
