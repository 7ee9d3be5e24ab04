// The server logs through pino (Fastify's logger). Services take this narrow type.
import pino from 'pino'

export type Logger = Pick<pino.Logger, 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'child'>

export const createLogger = (level: string): pino.Logger =>
  pino({
    level,
    // Never log credentials, tokens or WeChat session keys, wherever they appear.
    redact: {
      paths: ['req.headers.authorization', '*.password', '*.token', '*.session_key', '*.secret'],
      censor: '[redacted]',
    },
  })
