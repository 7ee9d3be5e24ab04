// Raw reads sent together as one statement (server/db/raw-batch.ts): each gets the rows it would
// have got alone, in its own order; integers stay exact or are refused; a read made after the
// batch was sent goes on its own.
import { beforeAll, describe, expect, it } from 'vitest'
import { inOneStatement, parseExact, rawBatch } from '../../server/db/raw-batch'
import { Prisma } from '../../server/generated/prisma/client'
import { createWorld, type World } from '../helpers/world'

let world: World

beforeAll(async () => {
  world = await createWorld()
})

describe('raw reads in one statement', () => {
  it('hands each read its own rows, ordered and cut as it asked', async () => {
    const db = world.deps.prisma
    const [down, up, none, one] = await inOneStatement(db, (reads) =>
      Promise.all([
        reads.$queryRaw<{ n: number }[]>`SELECT n FROM generate_series(1, 5) n ORDER BY n DESC LIMIT ${3}`,
        reads.$queryRaw<
          { n: number; label: string }[]
        >`SELECT n, 'n' || n AS label FROM generate_series(1, 3) n ORDER BY n`,
        reads.$queryRaw<{ n: number }[]>`SELECT n FROM generate_series(1, 3) n WHERE n > ${10}`,
        reads.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT sum(n)::bigint AS total FROM generate_series(1, 100) n`),
      ]),
    )
    expect(down).toEqual([{ n: 5 }, { n: 4 }, { n: 3 }])
    expect(up).toEqual([
      { n: 1, label: 'n1' },
      { n: 2, label: 'n2' },
      { n: 3, label: 'n3' },
    ])
    expect(none).toEqual([])
    expect(one).toEqual([{ total: 5050 }])
  })

  it('refuses an integer beyond the exact range, as the money columns do', async () => {
    const read = inOneStatement(
      world.deps.prisma,
      (reads) => reads.$queryRaw<{ n: number }[]>`SELECT (2^60)::bigint AS n`,
    )
    await expect(read).rejects.toThrow(RangeError)
  })

  it('checks integers only in a text that could hold one beyond the exact range', () => {
    expect(parseExact('[[{"n":9007199254740991, "id":"9e41c2d0-1234-4567-8901-123456789012"}]]')).toEqual([
      [{ n: 9_007_199_254_740_991, id: '9e41c2d0-1234-4567-8901-123456789012' }],
    ])
    expect(parseExact('[{"note":"编号 12345678901234567"}]')).toEqual([{ note: '编号 12345678901234567' }])
    for (const text of ['[9007199254740993]', '[{"n": -9007199254740993}]', '{"n":1e20}', '[1.5E+17]'])
      expect(() => parseExact(text)).toThrow(RangeError)
    expect(parseExact('[1.5e2, 2e-3]')).toEqual([150, 0.002])
  })

  it('sends a read made after the flush on its own', async () => {
    const batch = rawBatch(world.deps.prisma)
    await batch.flush()
    expect(await batch.reader.$queryRaw<{ n: bigint }[]>`SELECT 7::bigint AS n`).toEqual([{ n: 7n }])
  })
})
