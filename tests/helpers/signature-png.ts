// A signature as the pad exports it: dark strokes on a transparent PNG, drawn with sharp from SVG.
import sharp from 'sharp'

/** A PNG of a few strokes; `seed` varies them, so that two drawings differ. */
export const signaturePng = async (seed = 1, { width = 600, height = 240 } = {}) => {
  const y = 60 + (seed % 7) * 15
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <path d="M40 ${y} C 120 ${y + 120}, 200 ${y - 40}, 280 ${y + 60} S 440 ${y + 80}, ${520 - seed} 100"
      stroke="#111" stroke-width="6" fill="none" stroke-linecap="round"/></svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

export const signatureBase64 = async (seed = 1) => (await signaturePng(seed)).toString('base64')
