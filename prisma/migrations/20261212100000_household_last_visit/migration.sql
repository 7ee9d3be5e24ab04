-- Each household's last visit, kept on the household (the 待办's "due a visit" and the reminder
-- scan read it there instead of looking up every household's visits: docs/benchmarks.md, "待办
-- and the reminder scan"). Null while the household has no visit.
ALTER TABLE "Household" ADD COLUMN "lastVisitedOn" DATE;

-- Backfill, before the index is built and the triggers are in place (the table is locked by
-- the ALTER above, and a visit to a household checks its key there: none is written in between).
UPDATE "Household" h SET "lastVisitedOn" = v.last
  FROM (SELECT "householdId", max("visitedOn") AS last FROM "Visit" WHERE "householdId" IS NOT NULL GROUP BY 1) v
 WHERE h.id = v."householdId";

-- Households due a visit, village by village: the 监测对象 categories by the last visit against
-- the shorter cadence, the others by it against the longer one. It serves the (villageId,
-- category) lookups of the lists too, and replaces that index.
DROP INDEX "Household_villageId_category_idx";
CREATE INDEX "Household_villageId_category_lastVisitedOn_idx" ON "Household"("villageId", "category", "lastVisitedOn");

-- Keeping it: statement triggers with transition tables, so that a multi-row write (an import,
-- the generator, retention) updates each household once, set-based. Every Visit insert, update
-- and delete — by a service, retention, a foreign key's ON DELETE SET NULL, or by hand — moves
-- it in the writing transaction. A visit added can only move the date later (the greatest wins,
-- also between two writers: the second's UPDATE re-reads the row the first committed). A visit
-- removed, moved to another household or to an earlier day takes the household's greatest
-- remaining date, read after the household's row is locked, so that a visit another
-- transaction committed meanwhile is seen.
CREATE FUNCTION "household_last_visit_raise"(household_ids UUID[], visited_on DATE[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE "Household" h SET "lastVisitedOn" = n.last
    FROM (SELECT id, max(d) AS last FROM unnest(household_ids, visited_on) AS u(id, d)
           WHERE id IS NOT NULL GROUP BY id) n
   WHERE h.id = n.id AND (h."lastVisitedOn" IS NULL OR h."lastVisitedOn" < n.last)
$$;

CREATE FUNCTION "household_last_visit_recount"(household_ids UUID[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "Household" WHERE id = ANY(household_ids) ORDER BY id FOR UPDATE;
  UPDATE "Household" h SET "lastVisitedOn" = last.d
    FROM (SELECT u.id, (SELECT max(v."visitedOn") FROM "Visit" v WHERE v."householdId" = u.id) AS d
            FROM unnest(household_ids) AS u(id)) last
   WHERE h.id = last.id AND h."lastVisitedOn" IS DISTINCT FROM last.d;
END
$$;

CREATE FUNCTION "household_last_visit_inserted"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "household_last_visit_raise"(array_agg("householdId"), array_agg("visitedOn"))
     FROM new_visits WHERE "householdId" IS NOT NULL HAVING count(*) > 0;
  RETURN NULL;
END
$$;

CREATE FUNCTION "household_last_visit_updated"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved_from UUID[];
  moved_to UUID[];
  moved_on DATE[];
BEGIN
  SELECT array_agg(DISTINCT o."householdId") FILTER (WHERE o."householdId" IS NOT NULL),
         array_agg(n."householdId") FILTER (WHERE n."householdId" IS NOT NULL),
         array_agg(n."visitedOn") FILTER (WHERE n."householdId" IS NOT NULL)
    INTO moved_from, moved_to, moved_on
    FROM old_visits o JOIN new_visits n USING (id)
   WHERE (o."householdId", o."visitedOn") IS DISTINCT FROM (n."householdId", n."visitedOn");
  IF moved_to IS NOT NULL THEN PERFORM "household_last_visit_raise"(moved_to, moved_on); END IF;
  IF moved_from IS NOT NULL THEN PERFORM "household_last_visit_recount"(moved_from); END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION "household_last_visit_deleted"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  gone UUID[];
BEGIN
  SELECT array_agg(DISTINCT "householdId") INTO gone FROM old_visits WHERE "householdId" IS NOT NULL;
  IF gone IS NOT NULL THEN PERFORM "household_last_visit_recount"(gone); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "household_last_visit_inserted" AFTER INSERT ON "Visit"
  REFERENCING NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION "household_last_visit_inserted"();
CREATE TRIGGER "household_last_visit_updated" AFTER UPDATE ON "Visit"
  REFERENCING OLD TABLE AS old_visits NEW TABLE AS new_visits FOR EACH STATEMENT EXECUTE FUNCTION "household_last_visit_updated"();
CREATE TRIGGER "household_last_visit_deleted" AFTER DELETE ON "Visit"
  REFERENCING OLD TABLE AS old_visits FOR EACH STATEMENT EXECUTE FUNCTION "household_last_visit_deleted"();
