// Pull down to load again what the page shows (enablePullDownRefresh in the page's config).
import Taro, { usePullDownRefresh } from '@tarojs/taro'

export const useRefreshOnPull = (query: { refetch: () => Promise<unknown> }): void =>
  usePullDownRefresh(() => void query.refetch().finally(() => Taro.stopPullDownRefresh()))
