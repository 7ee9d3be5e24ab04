// Downloads a file export (server/http/exports.ts, docs/exports.md) with the session's bearer
// token, which a plain link could not send. On H5: fetched, then handed to the browser as a
// download under the server's file name. (The mini-program's is download-export.ts.) Failures
// reject with a Chinese message to show as it is.
import { exportUrl, failureMessage, fileNameOf, NETWORK_MESSAGE } from './export-response'
import { bearerHeader } from './session'

export const downloadExport = async (
  path: string,
  query: Record<string, string | undefined>,
  fallbackName: string,
): Promise<void> => {
  const auth = bearerHeader()
  const response = await fetch(exportUrl(path, query), {
    headers: auth,
  }).catch(() => {
    throw new Error(NETWORK_MESSAGE)
  })
  if (!response.ok) throw new Error(failureMessage(await response.text(), response.status))
  const href = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = href
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName)
  document.body.appendChild(link)
  link.click()
  link.remove()
  // After the click has been handled: the browser has taken the blob by then.
  setTimeout(() => URL.revokeObjectURL(href), 0)
}
