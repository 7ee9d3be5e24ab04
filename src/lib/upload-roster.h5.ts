// Picking and uploading a spreadsheet (.xlsx) for import (POST /imports/…), on H5: a file input, then fetch with
// FormData (multipart/form-data) and the session's bearer token. (The mini-program's is
// upload-roster.ts.) Failures to reach the server reject with a Chinese message.
import { exportUrl, NETWORK_MESSAGE } from './export-response'
import { type PickedFile, RESELECT_MESSAGE, type UploadRoster, uploadAnswer } from './roster-file'
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

export const uploadRoster: UploadRoster = async (path, file, query) => {
  const auth = bearerHeader()
  if (!file.file) throw new Error(RESELECT_MESSAGE)
  const form = new FormData()
  form.append('file', file.file, file.name)
  const response = await fetch(exportUrl(path, query), {
    method: 'POST',
    headers: auth,
    body: form,
  }).catch(() => {
    throw new Error(NETWORK_MESSAGE)
  })
  return uploadAnswer(response.status, await response.text().catch(() => ''))
}
