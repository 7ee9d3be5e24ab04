// Picking and uploading a spreadsheet (.xlsx) for import (POST /imports/…: the 困难户花名册, the
// 村名单; docs/exports.md "Import") with the session's bearer token. In the mini-program: the file comes
// from a chat (Taro.chooseMessageFile: WeChat has no file browser) and goes up with
// Taro.uploadFile as multipart/form-data. (H5 has its own file, upload-roster.h5.ts, as
// download-export.h5.ts.) Failures to reach the server reject with a Chinese message.
import Taro from '@tarojs/taro'
import { exportUrl, NETWORK_MESSAGE } from './export-response'
import { type PickedFile, RESELECT_MESSAGE, type UploadRoster, uploadAnswer } from './roster-file'
import { bearerHeader } from './session'

/** Null when the person cancels. */
export const pickRosterFile = async (): Promise<PickedFile | null> => {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
    const picked = tempFiles[0]
    return picked ? { name: picked.name, size: picked.size, path: picked.path } : null
  } catch {
    // Cancelled.
    return null
  }
}

export const uploadRoster: UploadRoster = async (path, file, query) => {
  const auth = bearerHeader()
  if (!file.path) throw new Error(RESELECT_MESSAGE)
  const result = await Taro.uploadFile({
    url: exportUrl(path, query),
    filePath: file.path,
    name: 'file',
    header: auth,
  }).catch(() => {
    throw new Error(NETWORK_MESSAGE)
  })
  return uploadAnswer(result.statusCode, result.data)
}
