// taro-react-echarts (1.2.2, its last release) reads the canvas's pixel ratio and the base
// library's version from Taro.getSystemInfoSync, which WeChat has deprecated (it warns at every
// call). The weapp build resolves that package's `@tarojs/taro` to this module (config/index.ts):
// Taro itself, with getSystemInfoSync answered by the APIs that replace it.
import Taro from '@tarojs/taro'

export { nextTick, useReady } from '@tarojs/taro'

const systemInfo = () => ({ ...Taro.getDeviceInfo(), ...Taro.getAppBaseInfo(), ...Taro.getWindowInfo() })

export default Object.assign(Object.create(Taro) as typeof Taro, { getSystemInfoSync: systemInfo })
