// A device may make a record's id offline, so that later queued items can refer to it. A second
// create with that id (under another clientMutationId) is a duplicate of a record already
// kept, never a new one.
import { AppError } from '../errors'

export const assertNewId = async (id: string | undefined, find: (id: string) => Promise<unknown>) => {
  if (id && (await find(id))) throw new AppError('ALREADY_RECORDED')
}
