// The client's statements are prepared once per connection (server/db/statement-names.ts): a
// query sent again on the same connection binds the statement prepared the first time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPrismaClient, type Db } from '../../server/db/client'
import { createTestDeps } from '../helpers/world'

let prisma: Db

beforeAll(async () => {
  const deps = await createTestDeps()
  // One connection: every statement below goes on it.
  prisma = createPrismaClient({ url: deps.url, poolSize: 1 })
})
afterAll(async () => {
  await prisma.$disconnect()
})

const preparedOnConnection = async () =>
  prisma.$queryRaw<{ name: string; statement: string }[]>`
    SELECT name, statement FROM pg_prepared_statements
    WHERE statement LIKE '%"Village"%' AND statement NOT LIKE '%pg_prepared_statements%'`

describe('prepared statements', () => {
  it('prepares a query once on its connection and answers it the same each time', async () => {
    const first = await prisma.village.findMany({ where: { name: '前跃村' }, select: { id: true } })
    const again = await prisma.village.findMany({ where: { name: '其他村' }, select: { id: true } })
    expect(again).toEqual([])
    expect(await prisma.village.findMany({ where: { name: '前跃村' }, select: { id: true } })).toEqual(first)
    const prepared = await preparedOnConnection()
    expect(prepared).toHaveLength(1)
    expect(prepared[0]?.name).toMatch(/^p[\w-]{27}$/)
  })
})
