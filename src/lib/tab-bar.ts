// Relabels the middle tabs for the signed-in person's role (WeChat's native tab bar has fixed
// pages; their content follows the role too, see pages/primary and pages/secondary).
import Taro from '@tarojs/taro'
import { type Persona, TAB_VIEW_TITLES, TAB_VIEWS } from './roles'

let labelledFor: Persona | null = null

export const labelTabBar = (persona: Persona): void => {
  if (labelledFor === persona) return
  const [primary, secondary] = TAB_VIEWS[persona]
  Promise.all([
    Taro.setTabBarItem({ index: 1, text: TAB_VIEW_TITLES[primary] }),
    Taro.setTabBarItem({ index: 2, text: TAB_VIEW_TITLES[secondary] }),
  ])
    .then(() => {
      labelledFor = persona
    })
    .catch(() => {
      // Not on a tab page yet (e.g. a deep link): the next tab page shown tries again.
    })
}
