// Removes every @font-face block from a CSS source: the NutUI theme's embedded JDZH-Regular /
// JDZH-Bold number fonts (~16 KB) and, on H5, Taro components' weui icon font (~11 KB), none of
// which the app draws (config/index.ts says which files).
module.exports = function stripFontFace(source) {
  return String(source).replace(/@font-face\s*\{[^}]*\}/g, '')
}
