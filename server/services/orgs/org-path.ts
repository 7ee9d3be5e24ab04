// Orgs form a tree (市 → 县 → 乡 → 村 party bodies and their branches). Each row keeps its
// materialised path of ids, so "this org and everything below it" is one prefix match.
import { randomUUID } from 'node:crypto'
import type { OrgKind } from '../../../common/enums'
import type { Tx } from '../../db/client'

export const childPath = (parentPath: string | null, id: string) => `${parentPath ?? '/'}${id}/`

export const insertOrg = async (
  db: Tx,
  {
    name,
    shortName,
    kind,
    parent,
  }: { name: string; shortName?: string; kind: OrgKind; parent?: { id: string; path: string } | null },
) => {
  const id = randomUUID()
  return db.org.create({
    data: {
      id,
      name,
      shortName: shortName ?? null,
      kind,
      parentId: parent?.id ?? null,
      path: childPath(parent?.path ?? null, id),
    },
  })
}
