// Downloads a file export (server/http/exports.ts, docs/exports.md) with the session's bearer
// token, which a plain link could not send. In the mini-program: Taro.downloadFile, then
// Taro.openDocument, where WeChat previews the workbook and offers to forward or save it.
// (H5 has its own file, download-export.h5.ts: browser APIs named here would pull Taro's
// polyfills for them into the mini-program's main package.) Failures reject with a Chinese
// message to show as it is.
import Taro from '@tarojs/taro'
import { exportUrl, failureMessage, NETWORK_MESSAGE } from './export-response'
import { bearerHeader } from './session'

export const downloadExport = async (
  path: string,
  query: Record<string, string | undefined>,
  _fallbackName: string,
): Promise<void> => {
  const auth = bearerHeader()
  const result = await Taro.downloadFile({
    url: exportUrl(path, query),
    header: auth,
  }).catch(() => {
    throw new Error(NETWORK_MESSAGE)
  })
  if (result.statusCode !== 200) {
    // The body of an error answer lands in the temporary file.
    let body = ''
    try {
      body = String(Taro.getFileSystemManager().readFileSync(result.tempFilePath, 'utf8'))
    } catch {
      // Unreadable: the generic message will do.
    }
    throw new Error(failureMessage(body, result.statusCode))
  }
  await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true })
}
