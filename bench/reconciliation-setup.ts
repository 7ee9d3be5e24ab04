// BENCH DATA: the handovers the 对账 and 发放签收表 measures need, which `npm run gen` does not
// make. Added once to the measured database, marked by their note (BENCH_NOTE_*), and found by
// it on every later run; nothing else in the database is touched, so the other measures on it see
// what they saw before (a handover counts in none of them).
//   - the village with the most donations: SIGN_SHEET_ROWS handovers to its households, one line
//     each (慰问金 or one goods item), drawn from its donations, every one signed on the cadre's
//     phone with a drawing of its own (PHONE_SIGNATURE, a HandoverSignature);
//   - the donor org with the most donations (one with a 支部书记): two handovers from each of its
//     donations in the other villages, to households of the donation's village, not signed for.
// The signatures' files are not in the database: `writeSignatureFiles` writes them into a
// server's photo folder, the same bytes every run (signatureFile(k)).

import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import type pg from 'pg'
import { signaturePng } from '../tests/helpers/signature-png'
import { withClient } from '../tests/reliability/server-process'

export const SIGN_SHEET_ROWS = Number(process.env.BENCH_SIGN_SHEET_ROWS ?? 10_000)
const BENCH_NOTE_VILLAGE = '压测数据：对账与发放签收表（村）'
const BENCH_NOTE_DONOR = '压测数据：对账（捐赠单位）'
/** A cash donation gives at most this many handovers a tenth of it each. */
const CASH_SHARES = 10
/** Distinct drawings rendered; each file is made distinct from there (see signatureFile). */
const DRAWINGS = 20
const SIGNATURE_SIZE = { width: 1200, height: 480 }

export type ReconciliationWorld = {
  villageId: string
  villageCadreId: string
  donorOrgId: string
  donorSecretaryId: string
  signedHandovers: number
}

type Donation = { id: string; kind: 'CASH' | 'GOODS'; amountFen: string; receivedOn: Date; activityId: string | null }
type Goods = { id: string; donationId: string; item: string; quantity: number; unit: string; unitValueFen: string }
type Slot = { donation: Donation; goods: Goods | null; amountFen: bigint }

const one = async <T extends pg.QueryResultRow>(db: pg.Client, sql: string, params: unknown[] = []) => {
  const { rows } = await db.query<T>(sql, params)
  if (!rows[0]) throw new Error(`bench setup: nothing found for ${sql.replace(/\s+/g, ' ').slice(0, 120)}`)
  return rows[0]
}

/** Handovers drawing on `donations` round after round: a tenth of cash, one unit of goods. */
const slotsOf = (donations: Donation[], goods: Goods[], count: number, rounds = Number.POSITIVE_INFINITY) => {
  const linesOf = new Map<string, Goods>()
  for (const g of goods) if (!linesOf.has(g.donationId)) linesOf.set(g.donationId, g)
  const slots: Slot[] = []
  for (let round = 0; slots.length < count && round < Math.min(rounds, 1000); round++)
    for (const donation of donations) {
      if (slots.length >= count) break
      const line = linesOf.get(donation.id)
      if (donation.kind === 'CASH' && round < CASH_SHARES)
        slots.push({ donation, goods: null, amountFen: BigInt(donation.amountFen) / BigInt(CASH_SHARES) })
      else if (line && round < line.quantity)
        slots.push({ donation, goods: line, amountFen: BigInt(line.unitValueFen) })
    }
  return slots
}

const signatureBases = new Map<number, Buffer>()
/** The k-th signature: one of DRAWINGS drawings, with a private chunk holding k before IEND. */
export const signatureFile = async (k: number) => {
  const seed = k % DRAWINGS
  let base = signatureBases.get(seed)
  if (!base) {
    base = await signaturePng(seed + 1, SIGNATURE_SIZE)
    signatureBases.set(seed, base)
  }
  const type = Buffer.from('prVt', 'latin1')
  const data = Buffer.from(`bench-signature-${k}`, 'latin1')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])))
  const iend = base.length - 12
  const png = Buffer.concat([base.subarray(0, iend), length, type, data, crc, base.subarray(iend)])
  return { png, sha256: createHash('sha256').update(png).digest('hex') }
}

/** Inserts handovers (one line each) for `slots`, to `households` in turn; their ids. */
const insertHandovers = async (
  db: pg.Client,
  slots: Slot[],
  households: Map<string, string[]>,
  {
    villageOf,
    giverId,
    note,
    signed,
  }: { villageOf: (d: Donation) => string; giverId: string; note: string; signed: boolean },
) => {
  const ids: string[] = []
  const chunk = 2000
  for (let start = 0; start < slots.length; start += chunk) {
    const part = slots.slice(start, start + chunk)
    const rows = part.map((slot, i) => {
      const village = villageOf(slot.donation)
      const inVillage = households.get(village) ?? []
      const household = inVillage[(start + i) % inVillage.length]
      if (!household) throw new Error(`bench setup: village ${village} has no household`)
      const on = new Date(slot.donation.receivedOn.getTime() + 86_400_000)
      return { slot, village, household, on }
    })
    const { rows: inserted } = await db.query<{ id: string }>(
      `INSERT INTO "Handover" (id, "recipientKind", "householdId", "villageId", "activityId", "handedOverOn",
         "handedOverById", "cashFen", "goodsValueFen", note, state, "confirmedAt", "confirmedById", confirmation, "updatedAt")
       SELECT gen_random_uuid(), 'HOUSEHOLD', h, v, a, d, $6::uuid, c, g, $7::text,
              CASE WHEN $8::boolean THEN 'CONFIRMED' ELSE 'PENDING' END::"HandoverState",
              CASE WHEN $8 THEN d + time '10:00' END, CASE WHEN $8 THEN $6::uuid END,
              CASE WHEN $8 THEN 'PHONE_SIGNATURE'::"HandoverConfirmation" END, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::date[], $5::bigint[], $9::bigint[]) AS t(h, v, a, d, c, g)
       RETURNING id`,
      [
        rows.map((r) => r.household),
        rows.map((r) => r.village),
        rows.map((r) => r.slot.donation.activityId),
        rows.map((r) => r.on.toISOString().slice(0, 10)),
        rows.map((r) => (r.slot.goods ? '0' : String(r.slot.amountFen))),
        giverId,
        note,
        signed,
        rows.map((r) => (r.slot.goods ? String(r.slot.amountFen) : '0')),
      ],
    )
    const partIds = inserted.map((r) => r.id)
    const goodsAt = part.flatMap((slot, i) => (slot.goods ? [{ goods: slot.goods, id: partIds[i] }] : []))
    await db.query(
      `INSERT INTO "HandoverLine" (id, "handoverId", item, quantity, unit, "unitValueFen", "valueFen")
       SELECT gen_random_uuid(), h, i, 1, u, f, f FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[]) AS t(h, i, u, f)`,
      [
        goodsAt.map((g) => g.id),
        goodsAt.map((g) => g.goods.item),
        goodsAt.map((g) => g.goods.unit),
        goodsAt.map((g) => g.goods.unitValueFen),
      ],
    )
    await db.query(
      `INSERT INTO "HandoverDraw" (id, "handoverId", "donationId", "donationGoodsId", quantity, "amountFen")
       SELECT gen_random_uuid(), h, d, g, CASE WHEN g IS NULL THEN NULL ELSE 1 END, f
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[]) AS t(h, d, g, f)`,
      [
        partIds,
        part.map((s) => s.donation.id),
        part.map((s) => s.goods?.id ?? null),
        part.map((s) => String(s.amountFen)),
      ],
    )
    ids.push(...partIds)
  }
  return ids
}

const householdsOf = async (db: pg.Client, villageIds: string[]) => {
  const { rows } = await db.query<{ id: string; villageId: string }>(
    `SELECT id, "villageId" FROM "Household" WHERE "villageId" = ANY($1::uuid[]) AND "anonymisedAt" IS NULL ORDER BY id`,
    [villageIds],
  )
  const by = new Map<string, string[]>()
  for (const r of rows) by.set(r.villageId, [...(by.get(r.villageId) ?? []), r.id])
  return by
}

const donationsWhere = async (db: pg.Client, where: string, params: unknown[]) => {
  const { rows: donations } = await db.query<Donation & { villageId: string }>(
    `SELECT id, kind, "amountFen"::text AS "amountFen", "receivedOn", "activityId", "villageId" FROM "Donation"
     WHERE "voidedAt" IS NULL AND ${where} ORDER BY id`,
    params,
  )
  const { rows: goods } = await db.query<Goods>(
    `SELECT id, "donationId", item, quantity, unit, "unitValueFen"::text AS "unitValueFen" FROM "DonationGoods"
     WHERE "donationId" = ANY($1::uuid[]) ORDER BY id`,
    [donations.map((d) => d.id)],
  )
  return { donations, goods }
}

/** The bench's handovers in the measured database, made on the first run. */
export const reconciliationWorld = (url: string): Promise<ReconciliationWorld> =>
  withClient(url, async (db) => {
    const { id: villageId } = await one<{ id: string }>(
      db,
      `SELECT "villageId" AS id FROM "Donation" WHERE "voidedAt" IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    )
    const { userId: villageCadreId } = await one<{ userId: string }>(
      db,
      `SELECT c."userId" FROM "CadreVillage" c WHERE c."villageId" = $1
       AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = c."userId" AND m.role IN ('ADMIN', 'SECRETARY'))
       ORDER BY c."userId" LIMIT 1`,
      [villageId],
    )
    const { orgId: donorOrgId, userId: donorSecretaryId } = await one<{ orgId: string; userId: string }>(
      db,
      `SELECT d."donorOrgId" AS "orgId", min(m."userId"::text) AS "userId" FROM "Donation" d
       JOIN "Membership" m ON m."orgId" = d."donorOrgId" AND m.role = 'SECRETARY'
       WHERE d."voidedAt" IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    )
    const made = async (note: string) =>
      Number((await one<{ n: string }>(db, `SELECT count(*) AS n FROM "Handover" WHERE note = $1`, [note])).n)

    await db.query('BEGIN')
    try {
      if (!(await made(BENCH_NOTE_VILLAGE))) {
        const { donations, goods } = await donationsWhere(db, `"villageId" = $1`, [villageId])
        const slots = slotsOf(donations, goods, SIGN_SHEET_ROWS)
        if (slots.length < SIGN_SHEET_ROWS)
          throw new Error(`bench setup: the village's donations give ${slots.length} handovers`)
        const ids = await insertHandovers(db, slots, await householdsOf(db, [villageId]), {
          villageOf: () => villageId,
          giverId: villageCadreId,
          note: BENCH_NOTE_VILLAGE,
          signed: true,
        })
        for (let start = 0; start < ids.length; start += 2000) {
          const part = ids.slice(start, start + 2000)
          const files = await Promise.all(part.map((_, i) => signatureFile(start + i)))
          const { height, width } = SIGNATURE_SIZE
          await db.query(
            `INSERT INTO "HandoverSignature" (id, "handoverId", sha256, mime, width, height, bytes, "storageKey", "signedAt", "capturedById")
             SELECT gen_random_uuid(), h, s, 'image/png', $3::int, $4::int, b, 'signatures/' || s, now(), $5::uuid
             FROM unnest($1::uuid[], $2::text[], $6::int[]) AS t(h, s, b)`,
            [part, files.map((f) => f.sha256), width, height, villageCadreId, files.map((f) => f.png.length)],
          )
        }
      }
      if (!(await made(BENCH_NOTE_DONOR))) {
        const { donations, goods } = await donationsWhere(db, `"donorOrgId" = $1 AND "villageId" <> $2`, [
          donorOrgId,
          villageId,
        ])
        const villageOf = new Map(donations.map((d) => [d.id, d.villageId]))
        const slots = slotsOf(donations, goods, Number.POSITIVE_INFINITY, 2)
        await insertHandovers(db, slots, await householdsOf(db, [...new Set(villageOf.values())]), {
          villageOf: (d) => villageOf.get(d.id) ?? '',
          giverId: donorSecretaryId,
          note: BENCH_NOTE_DONOR,
          signed: false,
        })
      }
      await db.query('COMMIT')
    } catch (error) {
      await db.query('ROLLBACK')
      throw error
    }
    await db.query('ANALYZE "Handover"; ANALYZE "HandoverDraw"; ANALYZE "HandoverLine"; ANALYZE "HandoverSignature"')
    const signedHandovers = await made(BENCH_NOTE_VILLAGE)
    return { villageId, villageCadreId, donorOrgId, donorSecretaryId, signedHandovers }
  })

/** The signatures' files, as the folder store keeps them (DATA_DIR/photos/signatures/<sha256>). */
export const writeSignatureFiles = async (dataDir: string, count: number) => {
  const folder = path.join(dataDir, 'photos', 'signatures')
  await mkdir(folder, { recursive: true, mode: 0o700 })
  for (let k = 0; k < count; k++) {
    const { png, sha256 } = await signatureFile(k)
    await writeFile(path.join(folder, sha256), png, { mode: 0o600 })
  }
}
