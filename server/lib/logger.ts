// The server logs through pino (Fastify's logger). Services take this narrow type.
import pino from 'pino'

export type Logger = Pick<pino.Logger, 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'child'>

/** Requests are logged without their query string: inputs must never reach the logs. */
const requestSummary = (req: { id?: unknown; method?: string; url?: string; ip?: string }) => ({
  id: req.id,
  method: req.method,
  url: req.url?.split('?')[0],
  ip: req.ip,
})

const options = (level: string): pino.LoggerOptions => ({
  level,
  serializers: { req: requestSummary },
  // Never log credentials, tokens or WeChat session keys, wherever they appear.
  redact: {
    paths: ['req.headers.authorization', '*.password', '*.token', '*.session_key', '*.secret'],
    censor: '[redacted]',
  },
})

/** @param destination where lines go (tests capture them); standard output by default. */
export const createLogger = (level: string, destination?: pino.DestinationStream): pino.Logger =>
  destination ? pino(options(level), destination) : pino(options(level))
