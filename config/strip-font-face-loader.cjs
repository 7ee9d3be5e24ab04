// Removes every @font-face block from a CSS source (used for the NutUI theme's
// embedded JDZH-Regular / JDZH-Bold base64 fonts, ~16 KB).
module.exports = function stripFontFace(source) {
  return String(source).replace(/@font-face\s*\{[^}]*\}/g, '')
}
