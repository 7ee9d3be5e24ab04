// What `npm run backup` and `npm run restore` share: reading `--name value` options, and writing a
// secret (a key file) so that it is never readable by others, not even half-written.
import { chmod, rename, writeFile } from 'node:fs/promises'

/** The value after `name` on the command line, if any. */
export const argument = (name: string) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}

/** Writes to a temporary name with mode 0600, then renames into place. */
export const writeSecret = async (file: string, text: string) => {
  await writeFile(`${file}.tmp`, text, { mode: 0o600 })
  await chmod(`${file}.tmp`, 0o600)
  await rename(`${file}.tmp`, file)
}
