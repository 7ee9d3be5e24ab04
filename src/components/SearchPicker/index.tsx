// A choice among many (a village's 900 households, a province's orgs, a village's people): a field
// that opens a search box over a list paged as the person scrolls, the recent choices first, and
// under the list what it holds — more to load, or all shown — never a silent cut. The choice stays
// in view with what tells it apart (户编号 and 所在组 for two 王秀英). One or several choices.
// Taro components only, for the mini-program and H5 alike; the results come from the caller
// (usePickerPages, or a copy kept on the phone), which also says where they come from (`note`).
import { Input, ScrollView, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { userMessage } from '../../lib/errors'
import type { PickerOption } from '../../lib/pickers/recent-picks'
import './index.scss'

export type { PickerOption }

/** One page after another, as the person scrolls. */
export type PickerResults = {
  options: readonly PickerOption[]
  isLoading: boolean
  error: unknown
  hasMore: boolean
  isLoadingMore: boolean
  loadMore: () => void
  retry: () => void
  /** How many there are in all, when known (a copy on the phone knows). */
  total?: number
  /** Where the results come from when it is not the server: the copy kept on the phone. */
  note?: string | null
}

export type SearchPickerCommon = {
  testId: string
  /** What the list counts in: 户, 个组织, 人 (已显示 20 户). */
  unit: string
  /** Shown while nothing is chosen: 搜索选择困难户. */
  prompt: string
  searchPlaceholder: string
  search: string
  onSearch: (text: string) => void
  results: PickerResults
  /** The person's recent choices, offered first while nothing is typed. */
  recent?: readonly PickerOption[]
  /** Called as the list opens (to start fetching). */
  onOpen?: () => void
  /** The picker cannot open yet, and says why: 请先选择村. */
  blockedText?: string | null
  /** Open from the start (a filter the person just asked for), and told when closed. */
  startsOpen?: boolean
  onClose?: () => void
}

type Props =
  | (SearchPickerCommon & { multiple?: false; value: PickerOption | null; onChange: (option: PickerOption) => void })
  | (SearchPickerCommon & {
      multiple: true
      value: readonly PickerOption[]
      onChange: (options: PickerOption[]) => void
    })

const Footer = ({ results, search, unit }: { results: PickerResults; search: string; unit: string }) => {
  const shown = results.options.length
  if (results.isLoading) return <View className="search-picker__footer muted">正在查找…</View>
  if (results.error)
    return (
      <View className="search-picker__footer">
        <Text className="muted">{userMessage(results.error)} </Text>
        <Text className="link" onClick={results.retry}>
          重试
        </Text>
      </View>
    )
  if (!shown)
    return <View className="search-picker__footer muted">{search ? `没有找到“${search}”` : '没有可选的'}</View>
  if (results.isLoadingMore) return <View className="search-picker__footer muted">正在加载更多…</View>
  if (results.hasMore)
    return (
      <View className="search-picker__footer">
        <Text className="muted">
          已显示 {shown} {unit}
          {results.total === undefined ? '' : `，共 ${results.total} ${unit}`}，向下滑动或
        </Text>
        <Text className="link" data-testid="picker-more" onClick={results.loadMore}>
          加载更多
        </Text>
      </View>
    )
  return <View className="search-picker__footer muted">{`已全部显示，共 ${shown} ${unit}`}</View>
}

const OptionRow = ({
  option,
  isChosen,
  onTap,
  testId,
}: {
  option: PickerOption
  isChosen: boolean
  onTap: () => void
  testId: string
}) => (
  <View
    className={`search-picker__option ${isChosen ? 'search-picker__option--chosen' : ''}`}
    data-testid={`${testId}-option`}
    onClick={onTap}
  >
    <View className="search-picker__title">
      <Text>{option.title}</Text>
      {isChosen ? <Text className="search-picker__check">已选</Text> : null}
    </View>
    {option.detail ? <View className="search-picker__detail">{option.detail}</View> : null}
  </View>
)

export const SearchPicker = (props: Props) => {
  const { testId, unit, prompt, searchPlaceholder, search, onSearch, results, recent = [], onOpen, blockedText } = props
  const [isOpen, setOpen] = useState(props.startsOpen ?? false)
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, for a picker that starts open.
  useEffect(() => {
    if (props.startsOpen) onOpen?.()
  }, [])
  const chosen: readonly PickerOption[] = props.multiple ? props.value : props.value ? [props.value] : []
  const chosenIds = new Set(chosen.map((o) => o.id))

  const open = () => {
    if (blockedText) return
    setOpen(true)
    onOpen?.()
  }
  const close = () => {
    setOpen(false)
    onSearch('')
    props.onClose?.()
  }
  const tap = (option: PickerOption) => {
    if (!props.multiple) {
      props.onChange(option)
      close()
      return
    }
    props.onChange(chosenIds.has(option.id) ? props.value.filter((o) => o.id !== option.id) : [...props.value, option])
  }

  // Recent choices first while nothing is typed, and not again in the list below them.
  const recentShown = search ? [] : recent
  const recentIds = new Set(recentShown.map((o) => o.id))
  const listed = results.options.filter((o) => !recentIds.has(o.id))

  return (
    <View className="search-picker" data-testid={testId}>
      {props.multiple ? (
        <View className="search-picker__chips">
          {props.value.map((o) => (
            <View key={o.id} className="search-picker__chip">
              <Text>{o.title}</Text>
              <Text
                className="search-picker__remove"
                onClick={() => props.onChange(props.value.filter((other) => other.id !== o.id))}
              >
                ×
              </Text>
            </View>
          ))}
          {isOpen ? null : (
            <Text
              className={`search-picker__add ${blockedText ? 'muted' : 'link'}`}
              data-testid={`${testId}-open`}
              onClick={open}
            >
              {blockedText ?? (props.value.length ? '添加' : prompt)}
            </Text>
          )}
        </View>
      ) : isOpen ? null : props.value ? (
        <View className="search-picker__chosen" data-testid={`${testId}-open`} onClick={open}>
          <View className="search-picker__chosen-text">
            <View className="search-picker__title">{props.value.title}</View>
            {props.value.detail ? <View className="search-picker__detail">{props.value.detail}</View> : null}
          </View>
          <Text className="link">更换</Text>
        </View>
      ) : (
        <View
          className={`search-picker__prompt ${blockedText ? 'search-picker__prompt--blocked' : ''}`}
          data-testid={`${testId}-open`}
          onClick={open}
        >
          {blockedText ?? `${prompt} ›`}
        </View>
      )}
      {isOpen ? (
        <View className="search-picker__panel">
          <View className="search-picker__bar">
            <Input
              className="form-input search-picker__input"
              name={`${testId}-search`}
              placeholder={searchPlaceholder}
              value={search}
              focus
              confirmType="search"
              onInput={(e) => onSearch(e.detail.value)}
            />
            <Text className="link search-picker__close" onClick={close}>
              {props.multiple ? '完成' : '收起'}
            </Text>
          </View>
          {results.note ? <View className="search-picker__note">{results.note}</View> : null}
          {props.multiple && search && !results.hasMore && !results.isLoading && listed.length > 1 ? (
            <View className="search-picker__all">
              <Text
                className="link"
                onClick={() => props.onChange([...props.value, ...listed.filter((o) => !chosenIds.has(o.id))])}
              >
                全选以下 {listed.length} 个
              </Text>
            </View>
          ) : null}
          <ScrollView
            scrollY
            className="search-picker__list"
            lowerThreshold={120}
            onScrollToLower={() => {
              if (results.hasMore && !results.isLoadingMore) results.loadMore()
            }}
          >
            {recentShown.length ? <View className="search-picker__group">最近选择</View> : null}
            {recentShown.map((o) => (
              <OptionRow
                key={`recent-${o.id}`}
                option={o}
                isChosen={chosenIds.has(o.id)}
                onTap={() => tap(o)}
                testId={testId}
              />
            ))}
            {recentShown.length && listed.length ? <View className="search-picker__group">全部</View> : null}
            {listed.map((o) => (
              <OptionRow key={o.id} option={o} isChosen={chosenIds.has(o.id)} onTap={() => tap(o)} testId={testId} />
            ))}
            <Footer results={results} search={search} unit={unit} />
          </ScrollView>
        </View>
      ) : null}
    </View>
  )
}
