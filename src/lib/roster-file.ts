// What both targets' spreadsheet uploads share (upload-roster.ts, upload-roster.h5.ts): the file
// the person picked, and the server's answer. Each import names its own route (POST /imports/…).

/** A file the person picked: a temporary path in the mini-program, a File on H5. */
export type PickedFile = { name: string; size: number; path?: string; file?: File }

export type UploadAnswer = { status: number; body: unknown }

/** Uploads the picked file to an import's route (`path`, such as /imports/villages) with `query`. */
export type UploadRoster = (
  path: string,
  file: PickedFile,
  query: Record<string, string | undefined>,
) => Promise<UploadAnswer>

export const RESELECT_MESSAGE = '请重新选择文件'

/** The server's answer: its JSON body, or null for one that is not JSON (a proxy's page; the status says enough). */
export const uploadAnswer = (status: number, text: string): UploadAnswer => {
  try {
    return { status, body: JSON.parse(text) }
  } catch {
    return { status, body: null }
  }
}
