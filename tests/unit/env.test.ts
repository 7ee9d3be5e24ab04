import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../server/env'

describe('configuration', () => {
  it('has working defaults: loopback, port 3000, embedded database under ./data', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      DATABASE_POOL_SIZE: 10,
      WECHAT_API_BASE: 'https://api.weixin.qq.com',
    })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.dataDir).toMatch(/\/data$/)
  })

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL: must be a postgresql:\/\/ connection string/,
    )
    expect(() => parseEnv({ DATABASE_URL: 'postgresql://db/app' })).toThrow(
      /FIELD_ENCRYPTION_KEY: is required when DATABASE_URL is set/,
    )
    expect(() => parseEnv({ FIELD_ENCRYPTION_KEY: 'short' })).toThrow(/FIELD_ENCRYPTION_KEY: must be 32 bytes/)
  })

  it('treats empty variables as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000)
    expect(parseEnv({ TRUST_PROXY: ' ' }).TRUST_PROXY).toBeUndefined()
  })

  it('reads TRUST_PROXY as Fastify takes it: a switch, a hop count, or addresses', () => {
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true)
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2)
    expect(parseEnv({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.1.0.0/16'])
  })
})
