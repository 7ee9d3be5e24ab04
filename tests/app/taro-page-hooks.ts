// The page hooks (useRouter, useDidShow, usePullDownRefresh, useReachBottom) come from Taro's framework runtime,
// which the app tests do not start. A test file that renders a whole page mocks '@tarojs/taro' with
// these, and sets `route.params` to the page's query:
//   vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))
export const route: { params: Record<string, string | undefined> } = { params: {} }

export const withPageHooks = (taro: Record<string, unknown> & { default?: object }) => {
  const hooks = { useRouter: () => route, useDidShow: () => {}, usePullDownRefresh: () => {}, useReachBottom: () => {} }
  // The H5 package's default export lacks the APIs it also exports by name (storage, navigation).
  return { ...taro, ...hooks, default: Object.assign(taro.default ?? {}, taro, hooks) }
}
