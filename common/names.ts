// Names as stored and as searched for, free of zod so that the pickers' search on the phone (and
// pages without forms) can use it without carrying the form machinery.

/** Zero-width space, non-joiner and joiner, word joiner, and the BOM used as a zero-width space. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g

/**
 * A name as stored and as searched for: zero-width characters removed, then NFC (so that "é" typed
 * as one character or as e + ◌́ is the same name), then trimmed. Two names that look the same then
 * are the same, and a search finds them.
 */
export const normaliseName = (text: string): string => text.replace(ZERO_WIDTH, '').normalize('NFC').trim()
