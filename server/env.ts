// Configuration, checked once at start-up. A bad value stops the server with a message that
// names the variable, instead of failing later in some request.
import path from 'node:path'
import { z } from 'zod'

const ZPort = z.coerce.number().int().min(0).max(65535)

const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: ZPort.default(3000),
    /** External PostgreSQL. Unset: the server starts its own embedded PostgreSQL under DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    DATA_DIR: z.string().min(1).default('./data'),
    /** 32 random bytes, base64. Required with DATABASE_URL; the embedded default makes one. */
    FIELD_ENCRYPTION_KEY: z
      .string()
      .refine(
        (v) => Buffer.from(v, 'base64').length === 32,
        'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
      )
      .optional(),
    /**
     * During a key rotation: the keys being replaced, comma-separated base64. Data under them
     * stays readable and searchable until `npm run keys:rotate` has moved it to the new key.
     */
    FIELD_ENCRYPTION_KEY_PREVIOUS: z
      .string()
      .refine(
        (v) => v.split(',').every((key) => Buffer.from(key.trim(), 'base64').length === 32),
        'must be 32-byte base64 keys, separated by commas',
      )
      .optional(),
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    /** API calls a minute per signed-in user; see server/security-policy.ts. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** HTTP requests a minute per client IP, signed in or not. */
    RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(3000),
    /**
     * Behind a reverse proxy: which X-Forwarded-For hops to trust for the client's IP (Fastify's
     * trustProxy): "true", a hop count, or comma-separated addresses/CIDRs. Unset: none.
     */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((raw): boolean | number | string[] | undefined => {
        const value = raw?.trim()
        if (!value) return undefined // unset, or empty as compose files often leave it
        if (value === 'true' || value === 'false') return value === 'true'
        return /^\d+$/.test(value)
          ? Number(value)
          : value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
      }),
    /** Failed logins (or household bindings) per phone (per account) before a lockout. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    /** Failed logins from one IP, whatever the phone, before a lockout. */
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
    /** Login requests a minute from one IP, whatever their outcome. */
    LOGIN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    LOGIN_LOCKOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Calls allowed in one tRPC batch request. */
    TRPC_MAX_BATCH: z.coerce.number().int().min(1).max(200).default(20),
    /** Years after monitoring ends before `npm run retention` anonymises a household. */
    RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(5),
    WECHAT_APPID: z.string().optional(),
    WECHAT_SECRET: z.string().optional(),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The built H5 app, served at / when present. */
    H5_DIST_DIR: z.string().default('dist/h5'),
    /** Embedded default only: the demo accounts' password (random, and printed, when unset). */
    SEED_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    /** Embedded default only: how much of the 前跃村 story the first start loads. */
    SEED_DEMO: z.enum(['partyDay', 'households']).default('partyDay'),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.FIELD_ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['FIELD_ENCRYPTION_KEY'],
        message: 'is required when DATABASE_URL is set (personal data is encrypted with it)',
      })
    }
  })

export type Env = z.infer<typeof ZEnv> & { dataDir: string }

export class InvalidEnvError extends Error {
  override name = 'InvalidEnvError'
}

export const parseEnv = (source: NodeJS.ProcessEnv = process.env): Env => {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = ZEnv.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`)
    throw new InvalidEnvError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) }
}
