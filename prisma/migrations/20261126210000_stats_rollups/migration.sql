-- Rollups for stats.summary (docs/scaling.md, "The dashboard at province scale"). The tables are
-- modelled in schema.prisma; the triggers, the recount and the backfill are written by hand below.

-- CreateTable
CREATE TABLE "StatsVillage" (
    "villageId" UUID NOT NULL,
    "cashFen" BIGINT NOT NULL DEFAULT 0,
    "goodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "donationCount" INTEGER NOT NULL DEFAULT 0,
    "visitCount" INTEGER NOT NULL DEFAULT 0,
    "handedOverCashFen" BIGINT NOT NULL DEFAULT 0,
    "handedOverGoodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "householdsVisited" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsVillage_pkey" PRIMARY KEY ("villageId")
);

-- CreateTable
CREATE TABLE "StatsVillageMonth" (
    "villageId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "cashFen" BIGINT NOT NULL DEFAULT 0,
    "goodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "donationCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsVillageMonth_pkey" PRIMARY KEY ("villageId","month")
);

-- CreateTable
CREATE TABLE "StatsActivityVillage" (
    "activityId" UUID NOT NULL,
    "villageId" UUID NOT NULL,
    "cashFen" BIGINT NOT NULL DEFAULT 0,
    "goodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "donationCount" INTEGER NOT NULL DEFAULT 0,
    "visitCount" INTEGER NOT NULL DEFAULT 0,
    "handedOverCashFen" BIGINT NOT NULL DEFAULT 0,
    "handedOverGoodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "householdsVisited" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsActivityVillage_pkey" PRIMARY KEY ("activityId","villageId")
);

-- CreateTable
CREATE TABLE "StatsHousehold" (
    "householdId" UUID NOT NULL,
    "villageId" UUID NOT NULL,
    "donationFen" BIGINT NOT NULL DEFAULT 0,
    "donationCount" INTEGER NOT NULL DEFAULT 0,
    "visitCount" INTEGER NOT NULL DEFAULT 0,
    "handedOverCashFen" BIGINT NOT NULL DEFAULT 0,
    "handedOverGoodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "totalFen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "StatsHousehold_pkey" PRIMARY KEY ("householdId","villageId")
);

-- CreateTable
CREATE TABLE "StatsDonor" (
    "villageId" UUID NOT NULL,
    "donorKey" TEXT NOT NULL,
    "donorOrgId" UUID,
    "donorName" TEXT NOT NULL,
    "cashFen" BIGINT NOT NULL DEFAULT 0,
    "goodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "donationCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsDonor_pkey" PRIMARY KEY ("villageId","donorKey","donorName")
);

-- CreateTable
CREATE TABLE "StatsActivityHousehold" (
    "activityId" UUID NOT NULL,
    "villageId" UUID NOT NULL,
    "householdId" UUID NOT NULL,
    "visitCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsActivityHousehold_pkey" PRIMARY KEY ("activityId","villageId","householdId")
);

-- CreateTable
CREATE TABLE "StatsNeed" (
    "villageId" UUID NOT NULL,
    "status" "NeedStatus" NOT NULL,
    "category" "NeedCategory" NOT NULL,
    "needCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsNeed_pkey" PRIMARY KEY ("villageId","status","category")
);

-- CreateTable
CREATE TABLE "StatsDonorTotal" (
    "donorKey" TEXT NOT NULL,
    "donorOrgId" UUID,
    "cashFen" BIGINT NOT NULL DEFAULT 0,
    "goodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "donationCount" INTEGER NOT NULL DEFAULT 0,
    "totalFen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "StatsDonorTotal_pkey" PRIMARY KEY ("donorKey")
);

-- CreateTable
CREATE TABLE "StatsOpenNeedDue" (
    "dueOn" DATE NOT NULL,
    "needCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsOpenNeedDue_pkey" PRIMARY KEY ("dueOn")
);

-- CreateTable
CREATE TABLE "StatsActivityHeld" (
    "villageId" UUID NOT NULL,
    "activityCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StatsActivityHeld_pkey" PRIMARY KEY ("villageId")
);

-- CreateIndex
CREATE INDEX "StatsVillageMonth_month_idx" ON "StatsVillageMonth"("month");

-- CreateIndex
CREATE INDEX "StatsActivityVillage_villageId_idx" ON "StatsActivityVillage"("villageId");

-- CreateIndex
CREATE INDEX "StatsHousehold_villageId_totalFen_householdId_idx" ON "StatsHousehold"("villageId", "totalFen" DESC, "householdId");

-- CreateIndex
CREATE INDEX "StatsHousehold_totalFen_householdId_idx" ON "StatsHousehold"("totalFen" DESC, "householdId");

-- CreateIndex
CREATE INDEX "StatsDonor_donorOrgId_idx" ON "StatsDonor"("donorOrgId");

-- CreateIndex
CREATE INDEX "StatsDonorTotal_totalFen_idx" ON "StatsDonorTotal"("totalFen" DESC);


-- Keeping them: triggers --------------------------------------------------------------------
-- Every row of Donation, Visit and Need that is inserted, changed or deleted — by a service, an
-- import, retention, a foreign key's ON DELETE SET NULL, the generator, or by hand — takes its old
-- contribution out and puts its new one in, in the writing transaction: a rollback rolls the
-- rollups back too. Upserts add deltas (`x = t.x + excluded.x`), so concurrent writers to the
-- same row queue on its row lock instead of overwriting each other. The triggers are deferred to
-- the commit (like the audit chain's), so a rollup row is locked only while its transaction
-- commits, not for the rest of the transaction: writers to one village (or, through the province
-- rows, to one month) would otherwise queue for each other's whole transaction (docs/scaling.md).
-- Each deferred event still carries its own old and new row. Rows that fall to zero stay.
-- "Households visited" counts (village, household) and (activity, village, household) pairs
-- with at least one visit: a pair's visit count going 0 → 1 or 1 → 0 moves the counter.
-- The nil uuid as villageId stands for the whole province, in the tables an admin would otherwise
-- have to add up over every village (months, donors, needs).

-- The province's villageId.
CREATE FUNCTION "stats_province"() RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid $$;

-- The open need statuses: common/need-workflow.ts OPEN_NEED_STATUSES.
CREATE FUNCTION "stats_need_is_open"(status "NeedStatus") RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT status IN ('RECEIVED', 'HANDLED_DIRECTLY', 'TRANSFERRED', 'IN_PROGRESS')
$$;

CREATE FUNCTION "stats_apply_donation"(d "Donation", sign INT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  cash BIGINT := CASE WHEN d."kind" = 'CASH' THEN d."amountFen" * sign ELSE 0 END;
  goods BIGINT := CASE WHEN d."kind" = 'GOODS' THEN d."amountFen" * sign ELSE 0 END;
BEGIN
  -- Voided donations never count.
  IF d."voidedAt" IS NOT NULL THEN RETURN; END IF;
  INSERT INTO "StatsVillage" AS t ("villageId", "cashFen", "goodsValueFen", "donationCount")
    VALUES (d."villageId", cash, goods, sign)
    ON CONFLICT ("villageId") DO UPDATE SET "cashFen" = t."cashFen" + excluded."cashFen",
      "goodsValueFen" = t."goodsValueFen" + excluded."goodsValueFen",
      "donationCount" = t."donationCount" + excluded."donationCount";
  INSERT INTO "StatsVillageMonth" AS t ("villageId", "month", "cashFen", "goodsValueFen", "donationCount")
    VALUES (d."villageId", date_trunc('month', d."receivedOn")::date, cash, goods, sign),
           ("stats_province"(), date_trunc('month', d."receivedOn")::date, cash, goods, sign)
    ON CONFLICT ("villageId", "month") DO UPDATE SET "cashFen" = t."cashFen" + excluded."cashFen",
      "goodsValueFen" = t."goodsValueFen" + excluded."goodsValueFen",
      "donationCount" = t."donationCount" + excluded."donationCount";
  INSERT INTO "StatsDonor" AS t ("villageId", "donorKey", "donorOrgId", "donorName", "cashFen", "goodsValueFen", "donationCount")
    VALUES (d."villageId", coalesce(d."donorOrgId"::text, 'name:' || d."donorName"), d."donorOrgId", d."donorName", cash, goods, sign),
           ("stats_province"(), coalesce(d."donorOrgId"::text, 'name:' || d."donorName"), d."donorOrgId", d."donorName", cash, goods, sign)
    ON CONFLICT ("villageId", "donorKey", "donorName") DO UPDATE SET "cashFen" = t."cashFen" + excluded."cashFen",
      "goodsValueFen" = t."goodsValueFen" + excluded."goodsValueFen",
      "donationCount" = t."donationCount" + excluded."donationCount";
  INSERT INTO "StatsDonorTotal" AS t ("donorKey", "donorOrgId", "cashFen", "goodsValueFen", "donationCount", "totalFen")
    VALUES (coalesce(d."donorOrgId"::text, 'name:' || d."donorName"), d."donorOrgId", cash, goods, sign, cash + goods)
    ON CONFLICT ("donorKey") DO UPDATE SET "cashFen" = t."cashFen" + excluded."cashFen",
      "goodsValueFen" = t."goodsValueFen" + excluded."goodsValueFen",
      "donationCount" = t."donationCount" + excluded."donationCount",
      "totalFen" = t."totalFen" + excluded."totalFen";
  IF d."activityId" IS NOT NULL THEN
    INSERT INTO "StatsActivityVillage" AS t ("activityId", "villageId", "cashFen", "goodsValueFen", "donationCount")
      VALUES (d."activityId", d."villageId", cash, goods, sign)
      ON CONFLICT ("activityId", "villageId") DO UPDATE SET "cashFen" = t."cashFen" + excluded."cashFen",
        "goodsValueFen" = t."goodsValueFen" + excluded."goodsValueFen",
        "donationCount" = t."donationCount" + excluded."donationCount";
  END IF;
  IF d."householdId" IS NOT NULL THEN
    INSERT INTO "StatsHousehold" AS t ("householdId", "villageId", "donationFen", "donationCount", "totalFen")
      VALUES (d."householdId", d."villageId", cash + goods, sign, cash + goods)
      ON CONFLICT ("householdId", "villageId") DO UPDATE SET "donationFen" = t."donationFen" + excluded."donationFen",
        "donationCount" = t."donationCount" + excluded."donationCount",
        "totalFen" = t."totalFen" + excluded."totalFen";
  END IF;
END
$$;

CREATE FUNCTION "stats_apply_visit"(v "Visit", sign INT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  cash BIGINT := v."cashFen" * sign;
  goods BIGINT := v."goodsValueFen" * sign;
  pair_visits INT;
  first_or_last INT := 0;
BEGIN
  IF v."householdId" IS NOT NULL THEN
    INSERT INTO "StatsHousehold" AS t ("householdId", "villageId", "visitCount", "handedOverCashFen", "handedOverGoodsValueFen", "totalFen")
      VALUES (v."householdId", v."villageId", sign, cash, goods, cash + goods)
      ON CONFLICT ("householdId", "villageId") DO UPDATE SET "visitCount" = t."visitCount" + excluded."visitCount",
        "handedOverCashFen" = t."handedOverCashFen" + excluded."handedOverCashFen",
        "handedOverGoodsValueFen" = t."handedOverGoodsValueFen" + excluded."handedOverGoodsValueFen",
        "totalFen" = t."totalFen" + excluded."totalFen"
      RETURNING "visitCount" INTO pair_visits;
    IF (sign = 1 AND pair_visits = 1) OR (sign = -1 AND pair_visits = 0) THEN first_or_last := sign; END IF;
  END IF;
  INSERT INTO "StatsVillage" AS t ("villageId", "visitCount", "handedOverCashFen", "handedOverGoodsValueFen", "householdsVisited")
    VALUES (v."villageId", sign, cash, goods, first_or_last)
    ON CONFLICT ("villageId") DO UPDATE SET "visitCount" = t."visitCount" + excluded."visitCount",
      "handedOverCashFen" = t."handedOverCashFen" + excluded."handedOverCashFen",
      "handedOverGoodsValueFen" = t."handedOverGoodsValueFen" + excluded."handedOverGoodsValueFen",
      "householdsVisited" = t."householdsVisited" + excluded."householdsVisited";
  IF v."activityId" IS NOT NULL THEN
    first_or_last := 0;
    IF v."householdId" IS NOT NULL THEN
      INSERT INTO "StatsActivityHousehold" AS t ("activityId", "villageId", "householdId", "visitCount")
        VALUES (v."activityId", v."villageId", v."householdId", sign)
        ON CONFLICT ("activityId", "villageId", "householdId") DO UPDATE SET "visitCount" = t."visitCount" + excluded."visitCount"
        RETURNING "visitCount" INTO pair_visits;
      IF (sign = 1 AND pair_visits = 1) OR (sign = -1 AND pair_visits = 0) THEN first_or_last := sign; END IF;
    END IF;
    INSERT INTO "StatsActivityVillage" AS t ("activityId", "villageId", "visitCount", "handedOverCashFen", "handedOverGoodsValueFen", "householdsVisited")
      VALUES (v."activityId", v."villageId", sign, cash, goods, first_or_last)
      ON CONFLICT ("activityId", "villageId") DO UPDATE SET "visitCount" = t."visitCount" + excluded."visitCount",
        "handedOverCashFen" = t."handedOverCashFen" + excluded."handedOverCashFen",
        "handedOverGoodsValueFen" = t."handedOverGoodsValueFen" + excluded."handedOverGoodsValueFen",
        "householdsVisited" = t."householdsVisited" + excluded."householdsVisited";
  END IF;
END
$$;

CREATE FUNCTION "stats_apply_need"(n "Need", sign INT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "StatsNeed" AS t ("villageId", "status", "category", "needCount")
    VALUES (n."villageId", n."status", n."category", sign), ("stats_province"(), n."status", n."category", sign)
    ON CONFLICT ("villageId", "status", "category") DO UPDATE SET "needCount" = t."needCount" + excluded."needCount";
  IF "stats_need_is_open"(n."status") AND n."dueOn" IS NOT NULL THEN
    INSERT INTO "StatsOpenNeedDue" AS t ("dueOn", "needCount") VALUES (n."dueOn", sign)
      ON CONFLICT ("dueOn") DO UPDATE SET "needCount" = t."needCount" + excluded."needCount";
  END IF;
END
$$;

CREATE FUNCTION "stats_apply_activity"(a "Activity", sign INT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF a."status" <> 'PUBLISHED' THEN RETURN; END IF;
  INSERT INTO "StatsActivityHeld" AS t ("villageId", "activityCount") VALUES (coalesce(a."villageId", "stats_province"()), sign)
    ON CONFLICT ("villageId") DO UPDATE SET "activityCount" = t."activityCount" + excluded."activityCount";
END
$$;

CREATE FUNCTION "stats_activity_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "stats_apply_activity"(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "stats_apply_activity"(NEW, 1); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "stats_donation_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "stats_apply_donation"(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "stats_apply_donation"(NEW, 1); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "stats_visit_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "stats_apply_visit"(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "stats_apply_visit"(NEW, 1); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "stats_need_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "stats_apply_need"(OLD, -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "stats_apply_need"(NEW, 1); END IF;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "stats_donation_inserted_deleted" AFTER INSERT OR DELETE ON "Donation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "stats_donation_changed"();
-- Updates that change none of the columns a figure depends on (a note, retention's erasures, the
-- version) skip the trigger function altogether.
CREATE CONSTRAINT TRIGGER "stats_donation_updated" AFTER UPDATE ON "Donation" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD."villageId", OLD."householdId", OLD."activityId", OLD."donorOrgId", OLD."donorName", OLD."kind",
         OLD."amountFen", OLD."receivedOn", OLD."voidedAt" IS NULL)
        IS DISTINCT FROM
        (NEW."villageId", NEW."householdId", NEW."activityId", NEW."donorOrgId", NEW."donorName", NEW."kind",
         NEW."amountFen", NEW."receivedOn", NEW."voidedAt" IS NULL))
  EXECUTE FUNCTION "stats_donation_changed"();

CREATE CONSTRAINT TRIGGER "stats_visit_inserted_deleted" AFTER INSERT OR DELETE ON "Visit"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "stats_visit_changed"();
CREATE CONSTRAINT TRIGGER "stats_visit_updated" AFTER UPDATE ON "Visit" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD."villageId", OLD."householdId", OLD."activityId", OLD."cashFen", OLD."goodsValueFen")
        IS DISTINCT FROM (NEW."villageId", NEW."householdId", NEW."activityId", NEW."cashFen", NEW."goodsValueFen"))
  EXECUTE FUNCTION "stats_visit_changed"();

CREATE CONSTRAINT TRIGGER "stats_need_inserted_deleted" AFTER INSERT OR DELETE ON "Need"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "stats_need_changed"();
CREATE CONSTRAINT TRIGGER "stats_need_updated" AFTER UPDATE ON "Need" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD."villageId", OLD."status", OLD."category", OLD."dueOn") IS DISTINCT FROM (NEW."villageId", NEW."status", NEW."category", NEW."dueOn"))
  EXECUTE FUNCTION "stats_need_changed"();

CREATE CONSTRAINT TRIGGER "stats_activity_inserted_deleted" AFTER INSERT OR DELETE ON "Activity"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "stats_activity_changed"();
CREATE CONSTRAINT TRIGGER "stats_activity_updated" AFTER UPDATE ON "Activity" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD."villageId", OLD."status") IS DISTINCT FROM (NEW."villageId", NEW."status"))
  EXECUTE FUNCTION "stats_activity_changed"();

-- The recount: each rollup as the base tables give it now -----------------------------------
-- One function per table, returning its rows (no zero rows). stats_rebuild() refills the tables
-- from them (the backfill below, `npm run stats:recount`, and after a TRUNCATE of a base table,
-- which fires no row triggers); stats_diff() lists every row where a table and its recount differ
-- (tests/server/stats-rollups.test.ts, `npm run stats:recount -- --check`).

CREATE FUNCTION "stats_recount_village"() RETURNS SETOF "StatsVillage"
LANGUAGE sql STABLE AS $$
  WITH d AS (
    SELECT "villageId",
           coalesce(sum("amountFen") FILTER (WHERE "kind" = 'CASH'), 0)::bigint AS cash,
           coalesce(sum("amountFen") FILTER (WHERE "kind" = 'GOODS'), 0)::bigint AS goods,
           count(*)::int AS n
      FROM "Donation" WHERE "voidedAt" IS NULL GROUP BY "villageId"
  ), v AS (
    SELECT "villageId", count(*)::int AS n, sum("cashFen")::bigint AS cash, sum("goodsValueFen")::bigint AS goods,
           count(DISTINCT "householdId")::int AS households
      FROM "Visit" GROUP BY "villageId"
  )
  SELECT "villageId", coalesce(d.cash, 0), coalesce(d.goods, 0), coalesce(d.n, 0),
         coalesce(v.n, 0), coalesce(v.cash, 0), coalesce(v.goods, 0), coalesce(v.households, 0)
    FROM d FULL JOIN v USING ("villageId")
$$;

CREATE FUNCTION "stats_recount_village_month"() RETURNS SETOF "StatsVillageMonth"
LANGUAGE sql STABLE AS $$
  SELECT coalesce("villageId", "stats_province"()), date_trunc('month', "receivedOn")::date,
         coalesce(sum("amountFen") FILTER (WHERE "kind" = 'CASH'), 0)::bigint,
         coalesce(sum("amountFen") FILTER (WHERE "kind" = 'GOODS'), 0)::bigint,
         count(*)::int
    FROM "Donation" WHERE "voidedAt" IS NULL
   GROUP BY GROUPING SETS (("villageId", date_trunc('month', "receivedOn")), (date_trunc('month', "receivedOn")))
$$;

CREATE FUNCTION "stats_recount_activity_village"() RETURNS SETOF "StatsActivityVillage"
LANGUAGE sql STABLE AS $$
  WITH d AS (
    SELECT "activityId", "villageId",
           coalesce(sum("amountFen") FILTER (WHERE "kind" = 'CASH'), 0)::bigint AS cash,
           coalesce(sum("amountFen") FILTER (WHERE "kind" = 'GOODS'), 0)::bigint AS goods,
           count(*)::int AS n
      FROM "Donation" WHERE "voidedAt" IS NULL AND "activityId" IS NOT NULL GROUP BY 1, 2
  ), v AS (
    SELECT "activityId", "villageId", count(*)::int AS n, sum("cashFen")::bigint AS cash,
           sum("goodsValueFen")::bigint AS goods, count(DISTINCT "householdId")::int AS households
      FROM "Visit" WHERE "activityId" IS NOT NULL GROUP BY 1, 2
  )
  SELECT "activityId", "villageId", coalesce(d.cash, 0), coalesce(d.goods, 0), coalesce(d.n, 0),
         coalesce(v.n, 0), coalesce(v.cash, 0), coalesce(v.goods, 0), coalesce(v.households, 0)
    FROM d FULL JOIN v USING ("activityId", "villageId")
$$;

CREATE FUNCTION "stats_recount_household"() RETURNS SETOF "StatsHousehold"
LANGUAGE sql STABLE AS $$
  WITH d AS (
    SELECT "householdId", "villageId", sum("amountFen")::bigint AS fen, count(*)::int AS n
      FROM "Donation" WHERE "voidedAt" IS NULL AND "householdId" IS NOT NULL GROUP BY 1, 2
  ), v AS (
    SELECT "householdId", "villageId", count(*)::int AS n, sum("cashFen")::bigint AS cash,
           sum("goodsValueFen")::bigint AS goods
      FROM "Visit" WHERE "householdId" IS NOT NULL GROUP BY 1, 2
  )
  SELECT "householdId", "villageId", coalesce(d.fen, 0), coalesce(d.n, 0), coalesce(v.n, 0),
         coalesce(v.cash, 0), coalesce(v.goods, 0), coalesce(d.fen, 0) + coalesce(v.cash, 0) + coalesce(v.goods, 0)
    FROM d FULL JOIN v USING ("householdId", "villageId")
$$;

CREATE FUNCTION "stats_recount_donor"() RETURNS SETOF "StatsDonor"
LANGUAGE sql STABLE AS $$
  SELECT coalesce("villageId", "stats_province"()), coalesce("donorOrgId"::text, 'name:' || "donorName"), "donorOrgId", "donorName",
         coalesce(sum("amountFen") FILTER (WHERE "kind" = 'CASH'), 0)::bigint,
         coalesce(sum("amountFen") FILTER (WHERE "kind" = 'GOODS'), 0)::bigint,
         count(*)::int
    FROM "Donation" WHERE "voidedAt" IS NULL
   GROUP BY GROUPING SETS (("villageId", "donorOrgId", "donorName"), ("donorOrgId", "donorName"))
$$;

CREATE FUNCTION "stats_recount_donor_total"() RETURNS SETOF "StatsDonorTotal"
LANGUAGE sql STABLE AS $$
  SELECT coalesce("donorOrgId"::text, 'name:' || "donorName"), "donorOrgId",
         coalesce(sum("amountFen") FILTER (WHERE "kind" = 'CASH'), 0)::bigint,
         coalesce(sum("amountFen") FILTER (WHERE "kind" = 'GOODS'), 0)::bigint,
         count(*)::int, sum("amountFen")::bigint
    FROM "Donation" WHERE "voidedAt" IS NULL GROUP BY 1, 2
$$;

CREATE FUNCTION "stats_recount_activity_household"() RETURNS SETOF "StatsActivityHousehold"
LANGUAGE sql STABLE AS $$
  SELECT "activityId", "villageId", "householdId", count(*)::int
    FROM "Visit" WHERE "activityId" IS NOT NULL AND "householdId" IS NOT NULL GROUP BY 1, 2, 3
$$;

CREATE FUNCTION "stats_recount_need"() RETURNS SETOF "StatsNeed"
LANGUAGE sql STABLE AS $$
  SELECT coalesce("villageId", "stats_province"()), "status", "category", count(*)::int FROM "Need"
   GROUP BY GROUPING SETS (("villageId", "status", "category"), ("status", "category"))
$$;

CREATE FUNCTION "stats_recount_open_need_due"() RETURNS SETOF "StatsOpenNeedDue"
LANGUAGE sql STABLE AS $$
  SELECT "dueOn", count(*)::int FROM "Need" WHERE "stats_need_is_open"("status") AND "dueOn" IS NOT NULL GROUP BY 1
$$;

CREATE FUNCTION "stats_recount_activity_held"() RETURNS SETOF "StatsActivityHeld"
LANGUAGE sql STABLE AS $$
  SELECT coalesce("villageId", "stats_province"()), count(*)::int FROM "Activity" WHERE "status" = 'PUBLISHED' GROUP BY 1
$$;

CREATE FUNCTION "stats_rebuild"() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "StatsVillage", "StatsVillageMonth", "StatsActivityVillage", "StatsHousehold", "StatsDonor",
    "StatsActivityHousehold", "StatsNeed", "StatsOpenNeedDue", "StatsActivityHeld", "StatsDonorTotal";
  INSERT INTO "StatsVillage" SELECT * FROM "stats_recount_village"();
  INSERT INTO "StatsVillageMonth" SELECT * FROM "stats_recount_village_month"();
  INSERT INTO "StatsActivityVillage" SELECT * FROM "stats_recount_activity_village"();
  INSERT INTO "StatsHousehold" SELECT * FROM "stats_recount_household"();
  INSERT INTO "StatsDonor" SELECT * FROM "stats_recount_donor"();
  INSERT INTO "StatsDonorTotal" SELECT * FROM "stats_recount_donor_total"();
  INSERT INTO "StatsActivityHousehold" SELECT * FROM "stats_recount_activity_household"();
  INSERT INTO "StatsNeed" SELECT * FROM "stats_recount_need"();
  INSERT INTO "StatsOpenNeedDue" SELECT * FROM "stats_recount_open_need_due"();
  INSERT INTO "StatsActivityHeld" SELECT * FROM "stats_recount_activity_held"();
END
$$;

-- Rows where a rollup and its recount differ: `kept` is the table's row (null when missing),
-- `recounted` the recount's (null when the table has a row the base tables do not give).
-- All-zero rows in a table are ignored.
CREATE FUNCTION "stats_diff"() RETURNS TABLE ("rollup" TEXT, "kept" TEXT, "recounted" TEXT)
LANGUAGE sql STABLE AS $$
  WITH
  village AS (SELECT * FROM "StatsVillage" t WHERE (t."cashFen", t."goodsValueFen", t."donationCount", t."visitCount",
    t."handedOverCashFen", t."handedOverGoodsValueFen", t."householdsVisited") <> (0, 0, 0, 0, 0, 0, 0)),
  village_month AS (SELECT * FROM "StatsVillageMonth" t WHERE (t."cashFen", t."goodsValueFen", t."donationCount") <> (0, 0, 0)),
  activity_village AS (SELECT * FROM "StatsActivityVillage" t WHERE (t."cashFen", t."goodsValueFen", t."donationCount",
    t."visitCount", t."handedOverCashFen", t."handedOverGoodsValueFen", t."householdsVisited") <> (0, 0, 0, 0, 0, 0, 0)),
  household AS (SELECT * FROM "StatsHousehold" t WHERE (t."donationFen", t."donationCount", t."visitCount",
    t."handedOverCashFen", t."handedOverGoodsValueFen", t."totalFen") <> (0, 0, 0, 0, 0, 0)),
  donor AS (SELECT * FROM "StatsDonor" t WHERE (t."cashFen", t."goodsValueFen", t."donationCount") <> (0, 0, 0)),
  donor_total AS (SELECT * FROM "StatsDonorTotal" t WHERE (t."cashFen", t."goodsValueFen", t."donationCount", t."totalFen") <> (0, 0, 0, 0)),
  activity_household AS (SELECT * FROM "StatsActivityHousehold" t WHERE t."visitCount" <> 0),
  need AS (SELECT * FROM "StatsNeed" t WHERE t."needCount" <> 0),
  open_need_due AS (SELECT * FROM "StatsOpenNeedDue" t WHERE t."needCount" <> 0),
  activity_held AS (SELECT * FROM "StatsActivityHeld" t WHERE t."activityCount" <> 0)
  SELECT 'StatsVillage', k::text, NULL FROM (SELECT * FROM village EXCEPT ALL SELECT * FROM "stats_recount_village"()) k
  UNION ALL SELECT 'StatsVillage', NULL, r::text FROM (SELECT * FROM "stats_recount_village"() EXCEPT ALL SELECT * FROM village) r
  UNION ALL SELECT 'StatsVillageMonth', k::text, NULL FROM (SELECT * FROM village_month EXCEPT ALL SELECT * FROM "stats_recount_village_month"()) k
  UNION ALL SELECT 'StatsVillageMonth', NULL, r::text FROM (SELECT * FROM "stats_recount_village_month"() EXCEPT ALL SELECT * FROM village_month) r
  UNION ALL SELECT 'StatsActivityVillage', k::text, NULL FROM (SELECT * FROM activity_village EXCEPT ALL SELECT * FROM "stats_recount_activity_village"()) k
  UNION ALL SELECT 'StatsActivityVillage', NULL, r::text FROM (SELECT * FROM "stats_recount_activity_village"() EXCEPT ALL SELECT * FROM activity_village) r
  UNION ALL SELECT 'StatsHousehold', k::text, NULL FROM (SELECT * FROM household EXCEPT ALL SELECT * FROM "stats_recount_household"()) k
  UNION ALL SELECT 'StatsHousehold', NULL, r::text FROM (SELECT * FROM "stats_recount_household"() EXCEPT ALL SELECT * FROM household) r
  UNION ALL SELECT 'StatsDonor', k::text, NULL FROM (SELECT * FROM donor EXCEPT ALL SELECT * FROM "stats_recount_donor"()) k
  UNION ALL SELECT 'StatsDonor', NULL, r::text FROM (SELECT * FROM "stats_recount_donor"() EXCEPT ALL SELECT * FROM donor) r
  UNION ALL SELECT 'StatsActivityHousehold', k::text, NULL FROM (SELECT * FROM activity_household EXCEPT ALL SELECT * FROM "stats_recount_activity_household"()) k
  UNION ALL SELECT 'StatsActivityHousehold', NULL, r::text FROM (SELECT * FROM "stats_recount_activity_household"() EXCEPT ALL SELECT * FROM activity_household) r
  UNION ALL SELECT 'StatsNeed', k::text, NULL FROM (SELECT * FROM need EXCEPT ALL SELECT * FROM "stats_recount_need"()) k
  UNION ALL SELECT 'StatsNeed', NULL, r::text FROM (SELECT * FROM "stats_recount_need"() EXCEPT ALL SELECT * FROM need) r
  UNION ALL SELECT 'StatsDonorTotal', k::text, NULL FROM (SELECT * FROM donor_total EXCEPT ALL SELECT * FROM "stats_recount_donor_total"()) k
  UNION ALL SELECT 'StatsDonorTotal', NULL, r::text FROM (SELECT * FROM "stats_recount_donor_total"() EXCEPT ALL SELECT * FROM donor_total) r
  UNION ALL SELECT 'StatsOpenNeedDue', k::text, NULL FROM (SELECT * FROM open_need_due EXCEPT ALL SELECT * FROM "stats_recount_open_need_due"()) k
  UNION ALL SELECT 'StatsOpenNeedDue', NULL, r::text FROM (SELECT * FROM "stats_recount_open_need_due"() EXCEPT ALL SELECT * FROM open_need_due) r
  UNION ALL SELECT 'StatsActivityHeld', k::text, NULL FROM (SELECT * FROM activity_held EXCEPT ALL SELECT * FROM "stats_recount_activity_held"()) k
  UNION ALL SELECT 'StatsActivityHeld', NULL, r::text FROM (SELECT * FROM "stats_recount_activity_held"() EXCEPT ALL SELECT * FROM activity_held) r
$$;

-- A TRUNCATE fires no row triggers (the generator's --reset, the demo seed's wipe): recount.
CREATE FUNCTION "stats_after_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "stats_rebuild"();
  RETURN NULL;
END
$$;

CREATE TRIGGER "stats_donation_truncated" AFTER TRUNCATE ON "Donation" FOR EACH STATEMENT EXECUTE FUNCTION "stats_after_truncate"();
CREATE TRIGGER "stats_visit_truncated" AFTER TRUNCATE ON "Visit" FOR EACH STATEMENT EXECUTE FUNCTION "stats_after_truncate"();
CREATE TRIGGER "stats_need_truncated" AFTER TRUNCATE ON "Need" FOR EACH STATEMENT EXECUTE FUNCTION "stats_after_truncate"();
CREATE TRIGGER "stats_activity_truncated" AFTER TRUNCATE ON "Activity" FOR EACH STATEMENT EXECUTE FUNCTION "stats_after_truncate"();

-- Backfill: the rows already there.
SELECT "stats_rebuild"();
ANALYZE "StatsVillage", "StatsVillageMonth", "StatsActivityVillage", "StatsHousehold", "StatsDonor",
  "StatsActivityHousehold", "StatsNeed", "StatsOpenNeedDue", "StatsActivityHeld", "StatsDonorTotal";
