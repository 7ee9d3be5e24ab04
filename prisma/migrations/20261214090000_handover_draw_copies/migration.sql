-- 对账 counts a donation's draws only while their handover is live, and counts the households (or
-- cadres) they reached: reading both off "Handover" cost one index probe per draw (10,000 for a
-- province's busiest village, server/services/donations/reconciliation-sums.ts). Each draw now
-- carries a copy of its handover's "voidedAt" and recipient, kept by triggers in the same
-- transaction as every write of either row, and one index holds every column 对账 reads, so that a
-- donation's live draws come off that index alone (docs/benchmarks.md, 对账).
ALTER TABLE "HandoverDraw" ADD COLUMN "handoverVoidedAt" TIMESTAMP(3), ADD COLUMN "recipientId" UUID;

UPDATE "HandoverDraw" dr
SET "handoverVoidedAt" = h."voidedAt", "recipientId" = COALESCE(h."householdId", h."cadreUserId")
FROM "Handover" h
WHERE h.id = dr."handoverId";

-- A draw written (or moved to another handover) takes its handover's state. FOR SHARE waits for a
-- concurrent void of that handover to commit, and then reads the voided row.
CREATE FUNCTION "handover_draw_copy_handover"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT h."voidedAt", COALESCE(h."householdId", h."cadreUserId")
  INTO NEW."handoverVoidedAt", NEW."recipientId"
  FROM "Handover" h WHERE h.id = NEW."handoverId"
  FOR SHARE;
  RETURN NEW;
END
$$;
CREATE TRIGGER "handover_draw_copy_handover"
BEFORE INSERT OR UPDATE OF "handoverId" ON "HandoverDraw"
FOR EACH ROW EXECUTE FUNCTION "handover_draw_copy_handover"();

-- A handover voided (or given another recipient) passes it on to its draws.
CREATE FUNCTION "handover_copy_to_draws"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "HandoverDraw"
  SET "handoverVoidedAt" = NEW."voidedAt", "recipientId" = COALESCE(NEW."householdId", NEW."cadreUserId")
  WHERE "handoverId" = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER "handover_copy_to_draws"
AFTER UPDATE ON "Handover"
FOR EACH ROW
WHEN (OLD."voidedAt" IS DISTINCT FROM NEW."voidedAt"
   OR OLD."householdId" IS DISTINCT FROM NEW."householdId"
   OR OLD."cadreUserId" IS DISTINCT FROM NEW."cadreUserId")
EXECUTE FUNCTION "handover_copy_to_draws"();

DROP INDEX "HandoverDraw_donationId_handoverId_donationGoodsId_quantity_idx";
DROP INDEX "Handover_id_voidedAt_householdId_cadreUserId_idx";
CREATE INDEX "HandoverDraw_reconciliation_idx"
  ON "HandoverDraw"("donationId", "handoverVoidedAt", "handoverId", "donationGoodsId", "quantity", "amountFen", "recipientId");
