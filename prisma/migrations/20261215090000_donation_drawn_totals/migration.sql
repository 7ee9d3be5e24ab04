-- 对账 adds up what live handovers drew from each donation: reading every live draw of every
-- donation in scope to add them up again on each call was most of the cost of a donor org's 对账
-- across the province (docs/benchmarks.md, 对账). What the live draws took is now kept beside what
-- was received: per goods line its quantity, value and number of live draws, per donation the cash
-- drawn without a goods line. Triggers on "HandoverDraw" keep them in the same transaction as
-- every write of a draw; a handover voided reaches them through its draws' copy of its "voidedAt"
-- (migration 20261214090000_handover_draw_copies). Never written by the app (@ignore in the
-- schema); drawn_totals_diff() compares them with a recount, drawn_totals_rebuild() recounts them.
ALTER TABLE "DonationGoods"
  ADD COLUMN "drawnQuantity" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "drawnFen" BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN "drawCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Donation" ADD COLUMN "drawnCashFen" BIGINT NOT NULL DEFAULT 0;

-- The totals as a recount from the live draws gives them, for the lines and donations drawn on.
CREATE FUNCTION "drawn_totals_recount_goods"()
RETURNS TABLE ("id" UUID, "drawnQuantity" BIGINT, "drawnFen" BIGINT, "drawCount" INTEGER)
LANGUAGE sql STABLE AS $$
  SELECT "donationGoodsId", sum(coalesce(quantity, 0))::bigint, sum("amountFen")::bigint, count(*)::int
  FROM "HandoverDraw" WHERE "handoverVoidedAt" IS NULL AND "donationGoodsId" IS NOT NULL GROUP BY 1
$$;
CREATE FUNCTION "drawn_totals_recount_cash"() RETURNS TABLE ("id" UUID, "drawnCashFen" BIGINT)
LANGUAGE sql STABLE AS $$
  SELECT "donationId", sum("amountFen")::bigint
  FROM "HandoverDraw" WHERE "handoverVoidedAt" IS NULL AND "donationGoodsId" IS NULL GROUP BY 1
$$;

-- Rows where a kept total and its recount differ (kept or recounted null where there is none).
CREATE FUNCTION "drawn_totals_diff"() RETURNS TABLE ("rollup" TEXT, "kept" TEXT, "recounted" TEXT)
LANGUAGE sql STABLE AS $$
  WITH goods AS (
    SELECT g.id, g."drawnQuantity", g."drawnFen", g."drawCount" FROM "DonationGoods" g
    WHERE (g."drawnQuantity", g."drawnFen", g."drawCount") <> (0, 0, 0)
  ), cash AS (
    SELECT d.id, d."drawnCashFen" FROM "Donation" d WHERE d."drawnCashFen" <> 0
  )
  SELECT 'DonationGoods.drawn', CASE WHEN k.id IS NOT NULL THEN k::text END, CASE WHEN r.id IS NOT NULL THEN r::text END
  FROM goods k FULL JOIN "drawn_totals_recount_goods"() r ON r.id = k.id
  WHERE (k.*) IS DISTINCT FROM (r.*)
  UNION ALL
  SELECT 'Donation.drawnCashFen', CASE WHEN k.id IS NOT NULL THEN k::text END, CASE WHEN r.id IS NOT NULL THEN r::text END
  FROM cash k FULL JOIN "drawn_totals_recount_cash"() r ON r.id = k.id
  WHERE (k.*) IS DISTINCT FROM (r.*)
$$;

-- Sets every kept total to its recount (writing only the rows that differ).
CREATE FUNCTION "drawn_totals_rebuild"() RETURNS void
LANGUAGE sql AS $$
  UPDATE "DonationGoods" g
  SET "drawnQuantity" = coalesce(r."drawnQuantity", 0), "drawnFen" = coalesce(r."drawnFen", 0),
      "drawCount" = coalesce(r."drawCount", 0)
  FROM "DonationGoods" k LEFT JOIN "drawn_totals_recount_goods"() r ON r.id = k.id
  WHERE g.id = k.id
    AND (k."drawnQuantity", k."drawnFen", k."drawCount")
        IS DISTINCT FROM (coalesce(r."drawnQuantity", 0), coalesce(r."drawnFen", 0), coalesce(r."drawCount", 0));
  UPDATE "Donation" d SET "drawnCashFen" = coalesce(r."drawnCashFen", 0)
  FROM "Donation" k LEFT JOIN "drawn_totals_recount_cash"() r ON r.id = k.id
  WHERE d.id = k.id AND k."drawnCashFen" IS DISTINCT FROM coalesce(r."drawnCashFen", 0);
$$;

-- The change a statement made to the live draws, added to the totals. The rows are written in one
-- order (donations' cash by id, then goods lines by id), the order every transaction that changes
-- them takes: voids of two handovers drawing on the same lines, and a void beside a new handover
-- (which holds its donations' rows first, services/handovers/check-draws.ts), wait for each other
-- and never deadlock.
CREATE FUNCTION "handover_draw_keep_totals"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changed TEXT := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_draws'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_draws'
    ELSE 'SELECT *, 1 AS sign FROM new_draws UNION ALL SELECT *, -1 AS sign FROM old_draws'
  END;
  delta RECORD;
BEGIN
  FOR delta IN EXECUTE format($q$
    SELECT "donationId" AS donation, "donationGoodsId" AS goods,
           sum(sign * coalesce(quantity, 0))::bigint AS quantity, sum(sign * "amountFen")::bigint AS fen,
           sum(sign)::int AS draws
    FROM (%s) c WHERE "handoverVoidedAt" IS NULL
    GROUP BY 1, 2
    HAVING (sum(sign * coalesce(quantity, 0)), sum(sign * "amountFen"), sum(sign)) <> (0, 0, 0)
    ORDER BY "donationGoodsId" IS NOT NULL, coalesce("donationGoodsId", "donationId")
  $q$, changed)
  LOOP
    IF delta.goods IS NULL THEN
      UPDATE "Donation" SET "drawnCashFen" = "drawnCashFen" + delta.fen WHERE id = delta.donation;
    ELSE
      UPDATE "DonationGoods"
      SET "drawnQuantity" = "drawnQuantity" + delta.quantity, "drawnFen" = "drawnFen" + delta.fen,
          "drawCount" = "drawCount" + delta.draws
      WHERE id = delta.goods;
    END IF;
  END LOOP;
  RETURN NULL;
END
$$;
CREATE TRIGGER "handover_draw_totals_inserted" AFTER INSERT ON "HandoverDraw"
  REFERENCING NEW TABLE AS new_draws FOR EACH STATEMENT EXECUTE FUNCTION "handover_draw_keep_totals"();
CREATE TRIGGER "handover_draw_totals_updated" AFTER UPDATE ON "HandoverDraw"
  REFERENCING OLD TABLE AS old_draws NEW TABLE AS new_draws
  FOR EACH STATEMENT EXECUTE FUNCTION "handover_draw_keep_totals"();
CREATE TRIGGER "handover_draw_totals_deleted" AFTER DELETE ON "HandoverDraw"
  REFERENCING OLD TABLE AS old_draws FOR EACH STATEMENT EXECUTE FUNCTION "handover_draw_keep_totals"();

-- A TRUNCATE fires no row or transition-table trigger: recount.
CREATE FUNCTION "handover_draw_after_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "drawn_totals_rebuild"();
  RETURN NULL;
END
$$;
CREATE TRIGGER "handover_draw_truncated" AFTER TRUNCATE ON "HandoverDraw"
  FOR EACH STATEMENT EXECUTE FUNCTION "handover_draw_after_truncate"();

-- Backfill: the draws already there.
SELECT "drawn_totals_rebuild"();
