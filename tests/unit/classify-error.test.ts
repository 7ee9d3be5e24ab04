// How the offline queue judges a failed sync (src/lib/offline-queue/classify-error.ts), for errors
// as the app's tRPC client makes them of what came back: from our server over real HTTP, from
// something else on the way (a proxy), or nothing at all.
import { beforeAll, describe, expect, it } from 'vitest'
import { classifyError } from '../../src/lib/offline-queue/classify-error'
import { cashDonationInput } from '../helpers/factories'
import { apiClient, serveWorld } from '../helpers/http-world'
import { createWorld, type World } from '../helpers/world'

let world: World
let baseUrl: string
let token: string

beforeAll(async () => {
  world = await createWorld()
  const served = await serveWorld(world, ['secretary'])
  baseUrl = served.baseUrl
  token = served.tokens.secretary
})

/** The app's client (src/lib/trpc.ts), on our server or on a stand-in for what answers instead. */
const client = (fetchImpl?: typeof fetch) => apiClient(baseUrl, token, { maxItems: 10, fetch: fetchImpl })

const verdictOf = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (error: unknown) => classifyError(error),
  )

const donation = (note: string) => cashDonationInput(world.ref.villages.qianyue.id, 1_000, { note })

describe('classifyError', () => {
  it('a record too large for the server (413) stops, with the server’s message, and is not taken for no network', async () => {
    const verdict = await verdictOf(client().donation.create.mutate(donation('备注'.repeat(300_000))))
    expect(verdict).toEqual({
      kind: 'permanent',
      error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容超过 1 MB，请删减后再提交' },
    })
  })

  it('a 413 from something on the way that answers in its own shape stops too', async () => {
    const proxy: typeof fetch = async () =>
      new Response('{"statusCode":413,"error":"Payload Too Large","message":"Request body is too large"}', {
        status: 413,
        headers: { 'content-type': 'application/json' },
      })
    const verdict = await verdictOf(client(proxy).donation.create.mutate(donation('备注')))
    expect(verdict).toEqual({
      kind: 'permanent',
      error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容太大，请删减后再提交' },
    })
  })

  it('no answer at all is no network: asked again later', async () => {
    const offline: typeof fetch = async () => {
      throw new TypeError('Network request failed: request:fail')
    }
    expect(await verdictOf(client(offline).donation.create.mutate(donation('备注')))).toEqual({
      kind: 'temporary',
      error: { code: 'NETWORK', message: '网络连接失败，将在恢复网络后自动同步' },
    })
  })

  it('a refusal the person must act on stops; a busy server is asked again', async () => {
    const refused = await verdictOf(client().donation.create.mutate({ ...donation('备注'), amountFen: -1 }))
    expect(refused).toMatchObject({ kind: 'permanent', error: { code: 'VALIDATION_FAILED' } })
    // As our server answers when its database is away.
    const busy: typeof fetch = async () =>
      new Response(
        JSON.stringify({
          error: {
            message: '系统正在恢复，请稍后重试，已填写的内容不会丢失',
            code: -32603,
            data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, appCode: 'DATABASE_UNAVAILABLE' },
          },
        }),
        { status: 503 },
      )
    expect(await verdictOf(client(busy).auth.me.query())).toMatchObject({
      kind: 'temporary',
      error: { code: 'DATABASE_UNAVAILABLE' },
    })
  })
})
