// A `fetch` look-alike on Taro.request (wx.request on weapp, fetch on H5): just what the tRPC
// client uses — (url, { method, headers, body, signal }) → { ok, status, headers.get, json, text }.
import Taro from '@tarojs/taro'

type Init = {
  method?: string
  headers?: Record<string, string> | [string, string][]
  body?: unknown
  signal?: AbortSignal | null
}

export type TaroResponse = {
  ok: boolean
  status: number
  statusText: string
  url: string
  headers: { get: (name: string) => string | null }
  json: () => Promise<unknown>
  text: () => Promise<string>
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS' | 'HEAD'

const headerRecord = (headers: Init['headers']): Record<string, string> => {
  if (!headers) return {}
  if (Array.isArray(headers)) {
    const record: Record<string, string> = {}
    for (const [name, value] of headers) record[name] = value
    return record
  }
  return { ...headers }
}

const abortError = (reason: unknown): unknown => {
  if (reason !== undefined) return reason
  const error = new Error('The operation was aborted')
  error.name = 'AbortError'
  return error
}

export const taroFetch = (input: string | { toString(): string }, init: Init = {}): Promise<TaroResponse> => {
  const url = String(input)
  const { signal } = init
  if (signal?.aborted) return Promise.reject(abortError(signal.reason))

  return new Promise<TaroResponse>((resolve, reject) => {
    let isSettled = false
    const settle = () => {
      isSettled = true
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      if (isSettled) return
      settle()
      task.abort()
      reject(abortError(signal?.reason))
    }
    const task = Taro.request<string>({
      url,
      method: (init.method ?? 'GET').toUpperCase() as Method,
      header: headerRecord(init.headers),
      data: init.body as string | undefined,
      // Raw text on both targets: tRPC parses the JSON and applies the transformer itself.
      dataType: '其他',
      responseType: 'text',
      success: (res) => {
        if (isSettled) return
        settle()
        const text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data)
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries((res.header ?? {}) as Record<string, unknown>)) {
          headers[name.toLowerCase()] = String(value)
        }
        resolve({
          ok: res.statusCode >= 200 && res.statusCode < 300,
          status: res.statusCode,
          statusText: String(res.statusCode),
          url,
          headers: { get: (name) => headers[name.toLowerCase()] ?? null },
          json: () => new Promise((ok) => ok(JSON.parse(text))),
          text: () => Promise.resolve(text),
        })
      },
      fail: (err) => {
        if (isSettled) return
        settle()
        reject(new TypeError(`Network request failed: ${(err as { errMsg?: string })?.errMsg ?? 'unknown'}`))
      },
    })
    // Taro.request also returns a promise; we use the callbacks, so its rejection is handled there.
    ;(task as unknown as Promise<unknown>).catch?.(() => undefined)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
