// What a middle tab shows for the signed-in person (see lib/roles.ts).
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { TAB_VIEW_TITLES, TAB_VIEWS, type TabView } from '../lib/roles'
import { labelTabBar } from '../lib/tab-bar'
import { useMe } from '../lib/use-me'
import { ActivityList } from './ActivityList'
import { DonationLedger } from './DonationLedger'
import { HouseholdList } from './HouseholdList'
import { MyHousehold } from './MyHousehold'
import { MyNeeds } from './MyNeeds'
import { NeedBoard } from './NeedBoard'

export const RoleTabView = ({ slot }: { slot: 0 | 1 }) => {
  const { data: me, persona, isLoading } = useMe()
  const view: TabView | undefined = persona ? TAB_VIEWS[persona][slot] : undefined
  useDidShow(() => {
    if (persona) labelTabBar(persona)
  })
  useEffect(() => {
    if (persona) labelTabBar(persona)
    if (view) void Taro.setNavigationBarTitle({ title: TAB_VIEW_TITLES[view] })
  }, [persona, view])
  if (!me || !view) return <View className="list-state muted">{isLoading ? '正在加载…' : ''}</View>
  const roles = me.roles
  switch (view) {
    case 'activities':
      return <ActivityList canCreate={roles.includes('SECRETARY') || roles.includes('ADMIN')} />
    case 'households':
      return <HouseholdList canCreate={roles.includes('CADRE') || roles.includes('ADMIN')} />
    case 'needs':
      return <NeedBoard />
    case 'ledger':
      return <DonationLedger canCreate={roles.includes('SECRETARY') || roles.includes('ADMIN')} />
    case 'myNeeds':
      return <MyNeeds isBound={Boolean(me.household)} />
    case 'myHousehold':
      return <MyHousehold me={me} />
  }
}
