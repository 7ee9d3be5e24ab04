// Configuration, checked once at start-up. A bad value stops the server with a message that
// names the variable, instead of failing later in some request.
import path from 'node:path'
import { z } from 'zod'
import { SCHEDULE_ENV, ZSchedule } from './env-schedules'
import {
  DEFAULT_NEED_STATUS_FIELDS,
  NEED_STATUS_VALUES,
  type NoticeTemplates,
  parseFieldMapping,
} from './services/notices/templates'

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
    /**
     * false: the server applies no migrations at start-up (a deployment that applies them as a
     * step of its own, docs/deployment.md); it only checks that none is pending, and refuses to
     * start if one is.
     */
    MIGRATE_ON_START: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /**
     * A read replica of DATABASE_URL (streaming or managed). Set: the heavy read-only reports
     * (stats.summary, report.dailyNeeds, the Excel exports' reads) run there, on a pool of their own
     * of DATABASE_POOL_SIZE connections. See docs/scaling.md.
     */
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
      .refine((v) => URL.canParse(v), 'is not a valid connection string')
      .optional(),
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
    /** 待办: days between visits to a 监测对象 whose risks are not all eliminated. */
    TODO_VISIT_DAYS_MONITORED: z.coerce.number().int().min(1).max(366).default(30),
    /** 待办: days between visits to any other 脱贫户. */
    TODO_VISIT_DAYS_ALLEVIATED: z.coerce.number().int().min(1).max(366).default(90),
    /** Years after monitoring ends before `npm run retention` anonymises a household. */
    RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(5),
    /**
     * Where people reach the server from outside (https://ledger.example.gov.cn): the invitation
     * links and their QR codes point here. Unset: http://HOST:PORT.
     */
    PUBLIC_BASE_URL: z
      .url()
      .refine((v) => /^https?:\/\//.test(v), 'must be an http(s):// URL')
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
    WECHAT_APPID: z.string().optional(),
    WECHAT_SECRET: z.string().optional(),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    /**
     * The subscribe-message template (订阅消息) a resident is told by when their need changes status
     * (docs/deployment.md, "WeChat subscribe messages"). Unset: no such messages.
     */
    WECHAT_TEMPLATE_NEED_STATUS: z
      .string()
      .regex(/^[\w-]{10,64}$/, 'must be a template id from the mini-program console')
      .optional(),
    /** Which version of the mini-program a message opens: formal (released), trial or developer. */
    WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
    /** Which of the template's keywords takes what: subject=thing1,status=phrase2,time=time3,tip=thing4. */
    WECHAT_TEMPLATE_NEED_STATUS_FIELDS: z
      .string()
      .default(DEFAULT_NEED_STATUS_FIELDS)
      .transform((value, ctx): Record<string, keyof typeof NEED_STATUS_VALUES> => {
        try {
          return parseFieldMapping(value, NEED_STATUS_VALUES)
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) })
          return z.NEVER
        }
      }),
    /**
     * How often queued subscribe messages are sent: a 5-field cron expression (Beijing time), or
     * off. Each run sends what is due; several instances never send one message twice.
     */
    NOTICE_SEND_SCHEDULE: ZSchedule('* * * * *'),
    /**
     * When the day's 有诉必应日报 is issued and stored (docs/deployment.md): a daily time (HH:MM,
     * Beijing time), a 5-field cron expression, or off.
     */
    DAILY_REPORT_SCHEDULE: ZSchedule('17:00'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** The built H5 app, served at / when present. */
    H5_DIST_DIR: z.string().default('dist/h5'),
    /** Largest photo upload accepted, in bytes (docs/photos.md); 413 beyond. */
    PHOTO_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(50 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /**
     * An S3-compatible store for photos (docs/photos.md). Unset: photos are kept under
     * DATA_DIR/photos. S3_ENDPOINT is the service's origin (https://s3.cn-northwest-1.amazonaws.com.cn,
     * https://cos.ap-beijing.myqcloud.com, http://minio.internal:9000).
     */
    S3_ENDPOINT: z
      .url()
      .refine((v) => /^https?:\/\//.test(v), 'must be an http(s):// URL')
      .optional(),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 of a-z, 0-9, . and -)')
      .optional(),
    S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a region name such as us-east-1')
      .default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** true: https://endpoint/bucket/key (MinIO and most stand-ins); false: https://bucket.endpoint/key. */
    S3_FORCE_PATH_STYLE: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /**
     * When the server takes a backup by itself (docs/deployment.md, "Backups"): a daily time in
     * Beijing time (HH:MM), a 5-field cron expression (Beijing time), or off. Several instances on
     * one database take each scheduled backup once.
     */
    BACKUP_SCHEDULE: ZSchedule('02:30'),
    ...SCHEDULE_ENV,
    /** Where backups are written. Default: DATA_DIR/backups. */
    BACKUP_DIR: z.string().min(1).optional(),
    /**
     * Where the embedded default's field key is written beside each backup (its own folder, so that
     * the backups and the key that opens them can be kept apart). Default: DATA_DIR/backup-keys.
     */
    BACKUP_KEY_DIR: z.string().min(1).optional(),
    /** After each good backup, the newest backup of each of this many last days that have one is kept… */
    BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).max(3650).default(7),
    /** …and the newest of each of this many last months that have one; older ones are deleted. */
    BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).max(1200).default(12),
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
    // The S3 store is all or nothing: half a configuration would silently keep photos on local disk.
    const s3Settings = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
    if (s3Settings.some((name) => env[name])) {
      for (const name of s3Settings)
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when any S3_* setting is' })
    }
    if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_REPLICA_URL'],
        message: 'needs DATABASE_URL too (the embedded database has no replica)',
      })
    }
  })

export type Env = z.infer<typeof ZEnv> & {
  dataDir: string
  /** BACKUP_SCHEDULE as a cron expression (Beijing time); null: off. */
  backupCron: string | null
  backupDir: string
  backupKeyDir: string
  /** The configured subscribe-message templates. */
  noticeTemplates: NoticeTemplates
  /** NOTICE_SEND_SCHEDULE as a cron expression; null: off. */
  noticeSendCron: string | null
  /** DAILY_REPORT_SCHEDULE as a cron expression; null: off. */
  dailyReportCron: string | null
  /** REMINDER_SCAN_SCHEDULE, RETENTION_SCHEDULE, STATS_CHECK_SCHEDULE as cron expressions; null: off. */
  reminderScanCron: string | null
  retentionCron: string | null
  statsCheckCron: string | null
}

/** The origin invitation links point at: PUBLIC_BASE_URL, else the address the server listens on. */
export const publicBaseUrlOf = (env: Pick<Env, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): string =>
  env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`

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
  const dataDir = path.resolve(result.data.DATA_DIR)
  return {
    ...result.data,
    dataDir,
    backupCron: result.data.BACKUP_SCHEDULE,
    backupDir: path.resolve(result.data.BACKUP_DIR ?? path.join(dataDir, 'backups')),
    backupKeyDir: path.resolve(result.data.BACKUP_KEY_DIR ?? path.join(dataDir, 'backup-keys')),
    noticeTemplates: {
      needStatus: result.data.WECHAT_TEMPLATE_NEED_STATUS
        ? {
            templateId: result.data.WECHAT_TEMPLATE_NEED_STATUS,
            fields: result.data.WECHAT_TEMPLATE_NEED_STATUS_FIELDS,
          }
        : null,
      reminder: result.data.WECHAT_TEMPLATE_REMINDER
        ? { templateId: result.data.WECHAT_TEMPLATE_REMINDER, fields: result.data.WECHAT_TEMPLATE_REMINDER_FIELDS }
        : null,
    },
    reminderScanCron: result.data.REMINDER_SCAN_SCHEDULE,
    retentionCron: result.data.RETENTION_SCHEDULE,
    statsCheckCron: result.data.STATS_CHECK_SCHEDULE,
    noticeSendCron: result.data.NOTICE_SEND_SCHEDULE,
    dailyReportCron: result.data.DAILY_REPORT_SCHEDULE,
  }
}
