-- The pickers' search for part of a household's 户主 name, 户编号 or 所在组 across many villages
-- (an administrator's, a secretary's), served by an index: LIKE '%…%' cannot use a B-tree, and
-- pg_trgm ignores Chinese characters under a C locale and needs three characters (most searched
-- names have two). search_grams gives every substring of one to three characters of each text,
-- lower-cased; a row contains q only if its grams hold search_grams_of(q): q itself when it has at
-- most three characters, or else each of its three-character pieces (then checked with ILIKE).
-- The grams are a column kept by a trigger, not an expression index: the planner then knows how
-- common each gram is, and a row it walks past is checked without recomputing them.
CREATE FUNCTION search_grams(VARIADIC texts text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(t, i, n)), '{}')
    FROM (SELECT lower(raw) AS t FROM unnest(texts) AS raw WHERE raw IS NOT NULL) AS lowered,
         generate_series(1, 3) AS n,
         generate_series(1, char_length(t) - n + 1) AS i
$$;

CREATE FUNCTION search_grams_of(q text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT CASE
    WHEN char_length(q) <= 3 THEN ARRAY[lower(q)]
    ELSE ARRAY(SELECT DISTINCT substr(lower(q), i, 3) FROM generate_series(1, char_length(q) - 2) AS i)
  END
$$;

ALTER TABLE "Household" ADD COLUMN "searchGrams" TEXT[] NOT NULL DEFAULT '{}';

CREATE FUNCTION household_search_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchGrams" := search_grams(NEW."headName", NEW."code", NEW."groupName");
  RETURN NEW;
END
$$;

CREATE TRIGGER household_search_grams BEFORE INSERT OR UPDATE OF "headName", "code", "groupName"
  ON "Household" FOR EACH ROW EXECUTE FUNCTION household_search_grams();

UPDATE "Household" SET "searchGrams" = search_grams("headName", "code", "groupName");

CREATE INDEX "Household_searchGrams_idx" ON "Household" USING GIN ("searchGrams");
