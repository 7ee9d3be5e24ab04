// What both targets' roster uploads share (upload-roster.ts, upload-roster.h5.ts): the route (the
// 困难户花名册's unless another is given), the file the person picked, and the server's answer.
export const IMPORT_PATH = '/imports/household-roster'

/** A file the person picked: a temporary path in the mini-program, a File on H5. */
export type PickedFile = { name: string; size: number; path?: string; file?: File }

export type UploadAnswer = { status: number; body: unknown }
