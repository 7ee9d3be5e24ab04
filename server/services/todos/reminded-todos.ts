// The 待办 items reminders are sent for (needs due or overdue, 回访, visits, 主题党日, 督办), for
// many cadres and secretaries at once: each source's query (the very ones todo.list runs for one
// person) is read once for all the villages and orgs the batch reaches, each item with the village
// or org it belongs to, and each person takes those of their own villages and orgs. A few
// statements a batch instead of a dozen a person.
import type { TTodoItem } from '../../../common/contracts/todo/list-todos'
import type { Tx } from '../../db/client'
import { type Actor, hasRole } from '../auth/actor'
import { followUpQuery, householdsDueAVisitByVillage, needsDueQuery } from './cadre-todos'
import { escalatedNeedsQuery } from './escalated-needs'
import { mostUrgentFirst } from './list-todos'
import { needTodosByVillage, type ScopedItem } from './need-todos'
import { branchesWithoutPartyDayByOrg, pairedVillages } from './secretary-todos'
import { SECRETARY_ESCALATION_DAYS, type TodoSettings } from './todo-settings'

type RemindedArgs = {
  db: Tx
  actors: readonly Actor[]
  today: string
  settings: TodoSettings
  /**
   * The most items anyone will take, from the front of their list: the households due a visit,
   * the most numerous source by far, are then read no further than that many a village (a
   * village's first items by urgency are its households' too). All of them by default.
   */
  upTo?: number
}

const byScope = (lists: ScopedItem[][]): Map<string, TTodoItem[]> => {
  const map = new Map<string, TTodoItem[]>()
  for (const list of lists)
    for (const { scope, item } of list) {
      const items = map.get(scope)
      if (items) items.push(item)
      else map.set(scope, [item])
    }
  return map
}

const unionOf = (lists: Iterable<readonly string[]>): string[] => {
  const all = new Set<string>()
  for (const list of lists) for (const id of list) all.add(id)
  return [...all]
}

const cadreVillagesOf = (actor: Actor): readonly string[] => (hasRole(actor, 'CADRE') ? actor.cadreVillageIds : [])
const secretaryOrgsOf = (actor: Actor): readonly string[] =>
  hasRole(actor, 'SECRETARY') ? actor.reach.subtreeOrgIds : []

/** Each person's reminded items, most urgent first, by user id (as cadre and secretary only). */
export const remindedTodos = async ({
  db,
  actors,
  today,
  settings,
  upTo,
}: RemindedArgs): Promise<Map<string, TTodoItem[]>> => {
  const cadreVillages = unionOf(actors.map(cadreVillagesOf))
  const orgs = unionOf(actors.map(secretaryOrgsOf))
  const villagesOfOrg = new Map<string, string[]>()
  for (const { orgId, villageId } of orgs.length ? await pairedVillages(db, today, orgs) : [])
    villagesOfOrg.set(orgId, [...(villagesOfOrg.get(orgId) ?? []), villageId])
  const secretaryVillages = (actor: Actor) => unionOf(secretaryOrgsOf(actor).map((id) => villagesOfOrg.get(id) ?? []))
  const escalationVillages = unionOf(actors.map(secretaryVillages))

  const inCadreVillages = byScope(
    cadreVillages.length
      ? [
          await needTodosByVillage(db, needsDueQuery(today, cadreVillages)),
          await needTodosByVillage(db, followUpQuery(today, cadreVillages)),
          await householdsDueAVisitByVillage(db, { today, settings }, cadreVillages, upTo ?? null),
        ]
      : [],
  )
  const inOrgs = byScope([await branchesWithoutPartyDayByOrg(db, today, orgs)])
  const escalated = byScope(
    escalationVillages.length
      ? [
          await needTodosByVillage(
            db,
            escalatedNeedsQuery(today, { villageIds: escalationVillages, afterDays: SECRETARY_ESCALATION_DAYS }),
          ),
        ]
      : [],
  )

  const result = new Map<string, TTodoItem[]>()
  for (const actor of actors) {
    const own = cadreVillagesOf(actor)
    const items = [
      ...secretaryOrgsOf(actor).flatMap((id) => inOrgs.get(id) ?? []),
      // As in todo.list, 督办 leaves out the villages where the person is the cadre (NEED_DUE there).
      ...secretaryVillages(actor)
        .filter((id) => !own.includes(id))
        .flatMap((id) => escalated.get(id) ?? []),
      ...own.flatMap((id) => inCadreVillages.get(id) ?? []),
    ]
    result.set(actor.userId, mostUrgentFirst(items))
  }
  return result
}
