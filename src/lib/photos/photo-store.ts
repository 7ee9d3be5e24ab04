// Photos kept on the phone, in the mini-program: files in its own user data (USER_DATA_PATH),
// which survive the app being killed, until the offline queue has uploaded them with
// Taro.uploadFile. Taking them is capture-photos.ts. H5 has its own file, photo-store.h5.ts.
import Taro from '@tarojs/taro'
import { uuid } from '../uuid'
import type { UploadAnswer } from './device-photo-types'

const photoFolder = () => `${Taro.env.USER_DATA_PATH}/photos`

/** Moves a temporary file (the stamped JPEG) where it outlives the app; returns its path. */
export const keepPhoto = async (file: string | Blob): Promise<string> => {
  if (typeof file !== 'string') throw new Error('照片文件格式不正确')
  const fs = Taro.getFileSystemManager()
  try {
    fs.accessSync(photoFolder())
  } catch {
    fs.mkdirSync(photoFolder(), true)
  }
  const path = `${photoFolder()}/${uuid()}.jpg`
  fs.saveFileSync(file, path)
  return path
}

/** What an <Image> shows for a kept photo. */
export const photoSrc = async (path: string): Promise<string> => path

export const dropPhoto = async (path: string): Promise<void> => {
  try {
    Taro.getFileSystemManager().unlinkSync(path)
  } catch {
    // Already gone.
  }
}

/** Whether a kept photo is still on the phone (WeChat may clear an app's files when space runs out). */
export const hasPhoto = async (path: string): Promise<boolean> => {
  try {
    Taro.getFileSystemManager().accessSync(path)
    return true
  } catch {
    return false
  }
}

/** POSTs the kept photo; rejects only when the server was not reached. */
export const uploadPhoto = async (path: string, url: string, token: string): Promise<UploadAnswer> => {
  const result = await Taro.uploadFile({
    url,
    filePath: path,
    name: 'file',
    header: { authorization: `Bearer ${token}` },
  })
  let body: unknown = null
  try {
    body = JSON.parse(result.data)
  } catch {
    // Not JSON: a proxy's page; the status says enough.
  }
  return { status: result.statusCode, body }
}

/** Removes kept photos no queue item refers to (a form left without saving, an item discarded). */
export const sweepPhotos = async (keep: ReadonlySet<string>): Promise<void> => {
  const fs = Taro.getFileSystemManager()
  let names: string[] = []
  try {
    names = fs.readdirSync(photoFolder())
  } catch {
    return
  }
  for (const name of names) {
    const path = `${photoFolder()}/${name}`
    if (!keep.has(path)) await dropPhoto(path)
  }
}

/** A photo from the server (GET /photos/:id[/thumb], bearer token) as a local file for <Image>. */
export const fetchServerPhoto = async (url: string, token: string): Promise<string> => {
  const result = await Taro.downloadFile({ url, header: { authorization: `Bearer ${token}` } })
  if (result.statusCode !== 200) throw new Error('照片加载失败')
  return result.tempFilePath
}
