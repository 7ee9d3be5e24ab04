// `npm run stats:recount [-- --check]`: rebuilds the rollups behind stats.summary, and what live
// draws took from each donation (对账), from the base tables, in one transaction, on DATABASE_URL
// or the embedded database (a repair tool; the database keeps them by itself, docs/scaling.md).
// With --check, only reports the rows where a rollup and its recount differ; exit code 1 when
// there are any.
import { rollupDifferences } from '../server/services/stats/check-rollups'
import { runOnToolDatabase } from './tool-database'

const isCheck = process.argv.includes('--check')

await runOnToolDatabase(async (prisma) => {
  const started = Date.now()
  if (isCheck) {
    const rows = await rollupDifferences(prisma)
    for (const r of rows.slice(0, 50))
      console.log(`${r.rollup}: kept ${r.kept ?? '(none)'}, recounted ${r.recounted ?? '(none)'}`)
    console.log(
      rows.length
        ? `Rollups DIFFER from the base tables in ${rows.length} rows; run npm run stats:recount to rebuild them.`
        : 'Rollups equal a full recount.',
    )
    return rows.length ? 1 : 0
  } else {
    // stats_rebuild() truncates and refills them: writers wait for the few seconds it takes.
    await prisma.$transaction((tx) => tx.$executeRaw`SELECT stats_rebuild(), drawn_totals_rebuild()`, {
      timeout: 30 * 60_000,
    })
    console.log(`Rollups rebuilt from the base tables in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
    return 0
  }
})
