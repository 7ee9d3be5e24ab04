// WeChat's engine has no FormData and no Blob. tRPC's httpLink asks of every input whether it is
// one (`input instanceof FormData`, `input instanceof Blob`), which throws a ReferenceError where
// the names are undefined: every call through it failed on a phone, the launch prefetch's first.
// The weapp build provides these two classes under those names, module by module, as Taro itself
// provides `window` and `URL` (webpack's ProvidePlugin, config/index.ts); nothing the app holds is
// an instance of either, so the answer is "no", as it is in a browser for a plain object. Files
// leave the phone through Taro.uploadFile.
const absent = (name: string) => new Error(`微信小程序没有 ${name}：文件请用 Taro.uploadFile 上传`)

export class FormData {
  constructor() {
    throw absent('FormData')
  }
}

export class Blob {
  constructor() {
    throw absent('Blob')
  }
}
