// `{ ...base, key: value }` for the objects a request makes by the dozen (views of rows, totals,
// actors), made without object spread. On Node 20 (V8 11.3), an object literal that spreads one
// object and then adds keys gets a hidden class (map) of its own every time: building it costs
// microseconds, and every function that later reads such objects sees a new map each time and
// goes megamorphic (or deoptimises). Object.assign into a fresh object builds on the maps it
// made before. The result is the same object: the keys of `base` in order, then those of
// `fields` (a key of both keeps its place and takes the new value). docs/benchmarks.md, Capacity.

/** `{ ...base, ...fields }`, with the maps shared from one call to the next. */
export const extend = <B extends object, F extends object>(base: B, fields: F): Omit<B, keyof F> & F =>
  Object.assign({}, base, fields)
