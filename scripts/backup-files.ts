// What `npm run backup` and `npm run restore` share: reading `--name value` options.

/** The value after `name` on the command line, if any. */
export const argument = (name: string) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? process.argv[at + 1] : undefined
}
