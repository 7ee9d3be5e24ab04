// `npm run gen -- [--scale county|province] [--households N] [--reset] [--dry-run]`, parsed.
import { SCALES, type Scale, type ScaleName, withHouseholds } from './scale'

export type GenArguments = { scale: Scale; isReset: boolean; isDryRun: boolean }

export const USAGE = 'usage: npm run gen -- [--scale county|province] [--households N] [--reset] [--dry-run]'

export const parseArguments = (argv: readonly string[]): GenArguments => {
  let scaleName: ScaleName = 'county'
  let households: number | undefined
  let isReset = false
  let isDryRun = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--scale') {
      const value = argv[++i]
      if (value !== 'county' && value !== 'province') throw new Error(`--scale takes county or province\n${USAGE}`)
      scaleName = value
    } else if (arg === '--households') {
      const value = Number(argv[++i])
      if (!Number.isInteger(value) || value < 1 || value > 5_000_000)
        throw new Error(`--households takes a whole number from 1 to 5,000,000\n${USAGE}`)
      households = value
    } else if (arg === '--reset') isReset = true
    else if (arg === '--dry-run') isDryRun = true
    else throw new Error(`unknown argument ${arg}\n${USAGE}`)
  }
  return { scale: withHouseholds(SCALES[scaleName], households), isReset, isDryRun }
}
