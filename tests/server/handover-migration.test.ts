// The handovers migration on a database that already holds visits: every visit that handed over
// goods or 慰问金 becomes its handover, lines and cash included; a visit that handed over nothing
// becomes none.
import { randomUUID } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { applyMigrations, MIGRATIONS_DIR } from '../../prisma/engine/migrate.mjs'
import { createEmptyDatabase, migrateAllBut, queryRows } from '../helpers/scratch-database'

const MIGRATION = '20261208090000_handovers'

describe('the handovers migration', { timeout: 90_000 }, () => {
  it('turns the goods and 慰问金 of existing visits into handovers, losing nothing', async () => {
    const { url } = await createEmptyDatabase('handovers')
    // The database as it was before this migration and any after it.
    const later = (await readdir(MIGRATIONS_DIR)).filter((name) => name >= MIGRATION && !name.endsWith('.toml'))
    expect((await migrateAllBut(url, later.length))[0]).toBe(MIGRATION)
    const [village, household, withGoods, cashOnly, nothing] = [1, 2, 3, 4, 5].map(() => randomUUID())
    await queryRows(
      url,
      `INSERT INTO "Village" (id, name, county, township, "adminCode", "updatedAt")
       VALUES ($1, '前跃村', '大通县', '良教乡', '630121105201', now())`,
      [village],
    )
    await queryRows(
      url,
      `INSERT INTO "Household" (id, "villageId", code, "headName", category, "updatedAt")
       VALUES ($1, $2, 'QY-001', '马德林', 'MARGINAL', now())`,
      [household, village],
    )
    for (const [id, cashFen, goodsValueFen] of [
      [withGoods, 50_000, 22_500],
      [cashOnly, 30_000, 0],
      [nothing, 0, 0],
    ] as const) {
      await queryRows(
        url,
        `INSERT INTO "Visit" (id, "villageId", target, "householdId", "visitedOn", "cashFen", "goodsValueFen", "updatedAt")
         VALUES ($1, $2, 'HOUSEHOLD', $3, '2025-01-23', $4, $5, now())`,
        [id, village, household, cashFen, goodsValueFen],
      )
    }
    for (const [item, unit, unitValueFen] of [
      ['大米', '袋', 10_000],
      ['面粉', '袋', 7_500],
      ['食用油', '桶', 5_000],
    ] as const) {
      await queryRows(
        url,
        `INSERT INTO "VisitGoods" (id, "visitId", item, quantity, unit, "unitValueFen", "valueFen")
         VALUES ($1, $2, $3, 1, $4, $5, $5)`,
        [randomUUID(), withGoods, item, unit, unitValueFen],
      )
    }

    await applyMigrations({ url })

    const handovers = await queryRows<{ visitId: string; cashFen: string; goodsValueFen: string; state: string }>(
      url,
      `SELECT "visitId", "cashFen", "goodsValueFen", state, "handedOverOn"::text AS day, "householdId"
         FROM "Handover" ORDER BY "cashFen" DESC`,
    )
    expect(handovers).toEqual([
      expect.objectContaining({ visitId: withGoods, cashFen: '50000', goodsValueFen: '22500', state: 'PENDING' }),
      expect.objectContaining({ visitId: cashOnly, cashFen: '30000', goodsValueFen: '0', state: 'PENDING' }),
    ])
    expect(handovers[0]).toMatchObject({ day: '2025-01-23', householdId: household })
    const lines = await queryRows<{ item: string; valueFen: string }>(
      url,
      `SELECT l.item, l."valueFen" FROM "HandoverLine" l JOIN "Handover" h ON h.id = l."handoverId"
        WHERE h."visitId" = $1 ORDER BY l.item`,
      [withGoods],
    )
    expect(lines.map((l) => [l.item, Number(l.valueFen)])).toEqual([
      ['大米', 10_000],
      ['面粉', 7_500],
      ['食用油', 5_000],
    ])
  })
})
