// Where a photo was taken, when the person agrees: coordinates from Taro.getLocation (GCJ-02, as
// WeChat's maps use). In the mini-program the call goes through WeChat's privacy flow
// (wechat-privacy.ts: our notice first) and its location permission (app.config.ts:
// requiredPrivateInfos, permission); on H5, the browser asks. No reverse geocoding: villages have
// no signal, so the place name is the village the record is for.
import Taro from '@tarojs/taro'

export type Coordinates = { latitude: number; longitude: number }

/** Null when refused or unavailable: the photo is stamped without a location. */
export const askLocation = async (): Promise<Coordinates | null> => {
  try {
    const { latitude, longitude } = await Taro.getLocation({ type: 'gcj02' })
    return Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : null
  } catch {
    return null
  }
}
