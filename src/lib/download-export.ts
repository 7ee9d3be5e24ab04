// Downloads a file export (server/http/exports.ts, docs/exports.md) with the session's bearer
// token, which a plain link could not send:
//   - H5: fetched, then handed to the browser as a download under the server's file name;
//   - weapp: Taro.downloadFile, then Taro.openDocument, where WeChat previews the workbook and
//     offers to forward or save it.
// Failures reject with a Chinese message to show as it is.
import Taro from '@tarojs/taro'
import { readSession } from './session'
import { API_BASE_URL } from './trpc'

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'

const urlOf = (path: string, query: Record<string, string | undefined>) => {
  const pairs = Object.entries(query).filter((pair): pair is [string, string] => Boolean(pair[1]))
  const search = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
  return `${API_BASE_URL}${path}${search ? `?${search}` : ''}`
}

/** The server's Chinese message from an error answer's JSON body, if it has one. */
const messageOf = (body: string, status: number): string => {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message
    if (typeof message === 'string' && message) return message
  } catch {
    // Not JSON: a proxy's page, say.
  }
  return status >= 500 ? '服务暂时不可用，请稍后重试' : '导出失败，请稍后重试'
}

/** The name in `Content-Disposition` (RFC 5987 `filename*` first), or the fallback. */
export const fileNameOf = (disposition: string | null, fallback: string): string => {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1]
  if (extended) {
    try {
      return decodeURIComponent(extended)
    } catch {
      // Malformed: fall through.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback
}

const downloadOnH5 = async (url: string, token: string, fallbackName: string) => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } }).catch(() => {
    throw new Error(NETWORK_MESSAGE)
  })
  if (!response.ok) throw new Error(messageOf(await response.text(), response.status))
  const blob = await response.blob()
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName)
  document.body.appendChild(link)
  link.click()
  link.remove()
  // After the click has been handled: the browser has taken the blob by then.
  setTimeout(() => URL.revokeObjectURL(href), 0)
}

const downloadOnWeapp = async (url: string, token: string) => {
  const result = await Taro.downloadFile({ url, header: { authorization: `Bearer ${token}` } }).catch(() => {
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
    throw new Error(messageOf(body, result.statusCode))
  }
  await Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true })
}

export const downloadExport = async (
  path: string,
  query: Record<string, string | undefined>,
  fallbackName: string,
): Promise<void> => {
  const session = readSession()
  if (!session) throw new Error('登录已过期，请重新登录')
  const url = urlOf(path, query)
  if (process.env.TARO_ENV === 'h5') await downloadOnH5(url, session.token, fallbackName)
  else await downloadOnWeapp(url, session.token)
}
