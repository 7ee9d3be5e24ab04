// The org tree as org.tree serves it: one level at a time, each level paged (加载更多), a branch
// opened with ▸ and closed with ▾; or, with a search, the matching orgs anywhere in the caller's
// tree. Closed orgs (已撤销) are listed only when asked for. The same tree browses (a tap opens
// the org) and picks (a tap chooses a new parent, or the org to pair with a village).
import { Button, Tag } from '@nutui/nutui-react-taro'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ORG_KIND_LABELS } from '../../../common/enums'
import { ListState } from '../../components/ListState'
import type { RouterOutputs } from '../../lib/api-types'
import { useTRPC } from '../../lib/trpc'
import './org-tree.scss'

export type OrgRow = RouterOutputs['org']['tree']['items'][number]

/** A page of a level: enough for most parents, and a tap on 加载更多 for the largest. */
const LEVEL_PAGE = 30

export type OrgPick = {
  /** Whether the org may be chosen (the others are shown, for the way down, but not offered). */
  isPickable: (org: OrgRow) => boolean
  onPick: (org: OrgRow) => void
}

type Props = {
  search?: string
  includeClosed?: boolean
  /** Browsing: a tap on an org opens it. */
  onOpen?: (org: OrgRow) => void
  /** Picking: a tap on an org chooses it. */
  pick?: OrgPick
  /** An org whose branch stays shut (the one being moved: nothing below it can be its parent). */
  shutId?: string
}

const countsOf = (org: OrgRow) =>
  [
    ORG_KIND_LABELS[org.kind],
    org.openChildCount ? `下级 ${org.openChildCount}` : '',
    `人员 ${org.peopleCount}`,
    org.pairedVillageCount ? `结对村 ${org.pairedVillageCount}` : '',
  ]
    .filter(Boolean)
    .join(' · ')

type RowProps = Props & { org: OrgRow; depth: number; isOpen: boolean; canOpen: boolean; onToggle: () => void }

const OrgTreeRow = ({ org, depth, isOpen, canOpen, onToggle, onOpen, pick }: RowProps) => {
  const isPickable = pick?.isPickable(org) ?? false
  const tap = pick ? (isPickable ? () => pick.onPick(org) : canOpen ? onToggle : undefined) : () => onOpen?.(org)
  return (
    <View
      className={`org-row ${org.isClosed ? 'org-row--closed' : ''}`}
      style={{ paddingLeft: `${depth * 1.25}em` }}
      data-testid="org-row"
    >
      <View
        className="org-row__toggle"
        aria-label={canOpen ? (isOpen ? `收起${org.name}` : `展开${org.name}`) : undefined}
        onClick={canOpen ? onToggle : undefined}
      >
        {canOpen ? (isOpen ? '▾' : '▸') : ''}
      </View>
      <View className="org-row__main" onClick={tap}>
        <Text className="org-row__name">{org.name}</Text>
        <Text className="org-row__meta">{countsOf(org)}</Text>
      </View>
      {org.isClosed ? <Tag type="default">已撤销</Tag> : null}
      {isPickable && pick ? (
        <Button size="small" type="primary" fill="outline" onClick={() => pick.onPick(org)}>
          选择
        </Button>
      ) : null}
    </View>
  )
}

type LevelProps = Props & { parentId: string | null; depth: number }

/** One level: the children of `parentId` (null: the top of the caller's tree), or a search's matches. */
const OrgLevel = (props: LevelProps) => {
  const { parentId, depth, search, includeClosed = false, shutId } = props
  const trpc = useTRPC()
  const [openIds, setOpenIds] = useState<ReadonlySet<string>>(new Set())
  const level = useInfiniteQuery(
    trpc.org.tree.infiniteQueryOptions(
      { parentId, search: search || undefined, includeClosed, limit: LEVEL_PAGE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  )
  const orgs = level.data?.pages.flatMap((page) => page.items) ?? []
  const toggle = (id: string) =>
    setOpenIds((current) => {
      const next = new Set(current)
      if (!next.delete(id)) next.add(id)
      return next
    })
  if (!orgs.length && depth > 0 && level.isSuccess)
    return (
      <View className="org-row__more muted" style={{ paddingLeft: `${depth * 1.25 + 2}em` }}>
        没有下级组织
      </View>
    )
  if (!orgs.length)
    return (
      <ListState
        isLoading={level.isLoading}
        error={level.error}
        isEmpty={depth === 0}
        emptyText={search ? '没有找到名称含有这些字的组织' : '还没有组织'}
        onRetry={() => void level.refetch()}
      />
    )
  return (
    <>
      {orgs.map((org) => {
        // A search lists matches flat; a closed org's children are closed too, so seen only with them.
        const canOpen = !search && org.id !== shutId && (org.openChildCount > 0 || includeClosed)
        const isOpen = canOpen && openIds.has(org.id)
        return (
          <View key={org.id}>
            <OrgTreeRow
              {...props}
              org={org}
              depth={depth}
              canOpen={canOpen}
              isOpen={isOpen}
              onToggle={() => toggle(org.id)}
            />
            {isOpen ? <OrgLevel {...props} parentId={org.id} depth={depth + 1} search={undefined} /> : null}
          </View>
        )
      })}
      {level.hasNextPage ? (
        <View className="org-row__more" style={{ paddingLeft: `${depth * 1.25 + 2}em` }}>
          <Button size="small" loading={level.isFetchingNextPage} onClick={() => void level.fetchNextPage()}>
            加载更多
          </Button>
        </View>
      ) : null}
    </>
  )
}

export const OrgTree = (props: Props) => (
  <View className="section org-tree">
    <OrgLevel {...props} parentId={null} depth={0} />
  </View>
)
