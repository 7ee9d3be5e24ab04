// The mini-program's launch prefetch asks through Taro.request directly: WeChat starts the app's
// code at once, with no page to parse first (launch-replay.h5.ts is H5's).
import { taroFetch } from './taro-fetch'

export const launchFetch = (_path: string) => taroFetch
