// The retry key (clientMutationId) of a write sent straight to the server rather than through the
// offline queue: the management pages' writes change the org tree, pairings and accounts, which
// must hold on the server when the person acts, so they are made online only. A second tap, or a
// retry after a lost answer, sends the same key and the server does the work once; the key is
// renewed once the server has answered the submission.
import { useRef } from 'react'
import { uuid } from './uuid'

export const useMutationKey = () => {
  const key = useRef(uuid())
  return {
    /** The key of the submission being made. */
    current: () => key.current,
    /** After a success: the next submission is another one. */
    renew: () => {
      key.current = uuid()
    },
  }
}
