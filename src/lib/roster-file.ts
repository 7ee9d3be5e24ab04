// What both targets' spreadsheet uploads share (upload-roster.ts, upload-roster.h5.ts): the file
// the person picked, and the server's answer. Each import names its own route (POST /imports/…).

/** A file the person picked: a temporary path in the mini-program, a File on H5. */
export type PickedFile = { name: string; size: number; path?: string; file?: File }

export type UploadAnswer = { status: number; body: unknown }
