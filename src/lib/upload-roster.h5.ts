// Picking and uploading a spreadsheet (.xlsx) for import (POST /imports/…), on H5: a file input, then fetch with
// FormData (multipart/form-data) and the session's bearer token. (The mini-program's is
// upload-roster.ts.) Failures to reach the server reject with a Chinese message.
import { exportUrl, NETWORK_MESSAGE } from './export-response'
import type { PickedFile, UploadAnswer } from './roster-file'
import { bearerHeader } from './session'

/** Null when the person cancels. */
export const pickRosterFile = (): Promise<PickedFile | null> =>
  new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      resolve(file ? { name: file.name, size: file.size, file } : null)
    })
    input.addEventListener('cancel', () => resolve(null))
    input.click()
  })

/** `path`: the import's route, such as /imports/villages. */
export const uploadRoster = async (
  path: string,
  file: PickedFile,
  query: Record<string, string | undefined>,
): Promise<UploadAnswer> => {
  const auth = bearerHeader()
  if (!file.file) throw new Error('请重新选择文件')
  const form = new FormData()
  form.append('file', file.file, file.name)
  const response = await fetch(exportUrl(path, query), {
    method: 'POST',
    headers: auth,
    body: form,
  }).catch(() => {
    throw new Error(NETWORK_MESSAGE)
  })
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON: a proxy's page; the status says enough.
  }
  return { status: response.status, body }
}
