/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    /** Set at build time (config/index.ts): '' on H5, the API origin on weapp. */
    API_BASE_URL?: string
  }
}
