// Limits that protect the API from guessing and flooding (see docs/security.md). Set from env at
// start-up; tests build deps with the defaults.
export type SecurityPolicy = {
  /** API calls a minute for one signed-in user. */
  requestsPerMinute: number
  /** HTTP requests a minute from one IP, signed in or not. */
  requestsPerMinutePerIp: number
  /** Failed proofs (a password; a household's name and ID number) per subject within the window. */
  maxFailuresPerSubject: number
  /** Failed proofs from one IP within the window, whatever the subject. */
  maxFailuresPerIp: number
  /** How far back failures count; a lockout lasts until the oldest counted failure leaves it. */
  lockoutWindowMs: number
  /** Login requests a minute from one IP, whatever their outcome: each costs a password hash. */
  loginRequestsPerMinute: number
  /** Calls in one tRPC batch request; the app's link sends at most this many. */
  maxBatchSize: number
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  requestsPerMinute: 600,
  requestsPerMinutePerIp: 3000,
  maxFailuresPerSubject: 5,
  maxFailuresPerIp: 30,
  lockoutWindowMs: 15 * 60_000,
  loginRequestsPerMinute: 20,
  maxBatchSize: 20,
}
