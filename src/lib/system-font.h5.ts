// A browser has no WeChat font setting (its own zoom scales the page): 长辈模式 starts off on H5.
// Not asking Taro's getSystemInfoSync also keeps its user-agent parser out of the H5 build.
export const systemWantsLargeText = (): boolean => false
