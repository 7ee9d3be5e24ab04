// Argon2id at a test's cost for everything the tests run in their own process (createCaller, the
// seeds, the factories). Production's cost (@node-rs/argon2's defaults: 19 MiB, 2 passes) takes
// 50–150 ms a hash or a check on two busy cores, and the fuzz suite alone makes thousands of them
// (every login, password change, account made or reset, invitation accepted). The hash stays
// Argon2id and verifies the same way; only its cost parameters, which the hash records, are lower.
// Servers the reliability suites start as processes of their own, and the browser tests' server,
// hash at production's cost.
import { vi } from 'vitest'

/** Argon2's smallest sensible parameters: 1 MiB, one pass. */
const TEST_COST = { memoryCost: 1024, timeCost: 1 }

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const argon2 = await importOriginal<typeof import('@node-rs/argon2')>()
  return {
    ...argon2,
    hash: (password: string | Uint8Array, options?: Parameters<typeof argon2.hash>[1], signal?: AbortSignal) =>
      argon2.hash(password, { ...TEST_COST, ...options }, signal),
  }
})
