// What both targets' export downloads share (download-export.ts, download-export.h5.ts): the URL,
// and reading the server's answer: its Chinese message on failure, its file name on success.
import { API_BASE_URL } from './trpc'

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试'

export const exportUrl = (path: string, query: Record<string, string | undefined>) => {
  const pairs = Object.entries(query).filter((pair): pair is [string, string] => Boolean(pair[1]))
  const search = pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')
  return `${API_BASE_URL}${path}${search ? `?${search}` : ''}`
}

/** The server's Chinese message from an error answer's JSON body, if it has one. */
export const failureMessage = (body: string, status: number): string => {
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
