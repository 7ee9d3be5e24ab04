// One attempt at sending an item, given a limit: a call that has not answered in time counts as a
// temporary failure (classify-error.ts), and the item is tried again later.
import type { Clock } from './types'

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout'
}

/** Starts `attempt` and settles as it does, or rejects with AttemptTimeout after `ms`. */
export const withinTime = <T>(attempt: () => Promise<T>, clock: Clock, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const cancel = clock.setTimer(() => reject(new AttemptTimeout()), ms)
    attempt().then(
      (result) => {
        cancel()
        resolve(result)
      },
      (error: unknown) => {
        cancel()
        reject(error)
      },
    )
  })
