-- Upkeep of the statistics rollups (20261126210000_stats_rollups). Every write updates a few of
-- their rows, and the province's own rows (and a village's) are updated by every write there:
-- without care, each update leaves a dead row version behind, the tables grow far past their
-- live rows, and the dashboard's scans read the dead ones too (docs/scaling.md, "Rollup upkeep":
-- StatsVillage, 2,000 rows, grew to 130 MB under a bulk load and the province's summary from 15
-- to 59 ms at p95).
--
-- 1. Room on each page of the small, hot tables, so that an update can stay on its page (a HOT
--    update: no new index entry, and the old version is pruned on the spot). Takes effect for
--    pages written from now on; a rebuild (npm run stats:recount) rewrites them all.
ALTER TABLE "StatsVillage" SET (fillfactor = 50);
ALTER TABLE "StatsVillageMonth" SET (fillfactor = 50);
ALTER TABLE "StatsDonorTotal" SET (fillfactor = 50);
ALTER TABLE "StatsNeed" SET (fillfactor = 50);
ALTER TABLE "StatsOpenNeedDue" SET (fillfactor = 50);
ALTER TABLE "StatsActivityHeld" SET (fillfactor = 50);

-- 2. Vacuum after a fixed number of dead rows rather than a fraction of the table: 20% of a
--    2,000-row table is reached by every busy minute, 20% of StatsHousehold's 300,000 only by a
--    bulk load.
ALTER TABLE "StatsVillage" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE "StatsVillageMonth" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE "StatsActivityVillage" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE "StatsHousehold" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE "StatsDonor" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE "StatsDonorTotal" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE "StatsActivityHousehold" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
ALTER TABLE "StatsNeed" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE "StatsOpenNeedDue" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
ALTER TABLE "StatsActivityHeld" SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
