// 请受助人签字 on the cadre's phone: the recipient draws on the pad (the page's <Canvas type="2d">)
// with a finger, and 确认签收 sends the drawing's PNG through the offline queue as handover.sign;
// the server then has the handover 已签收, signed on the phone, with the PNG kept as evidence.
// The touches go to the canvas itself (its id, Taro's `uid`), with WeChat's `touches`; the canvas
// node the page finds (createSelectorQuery … fields({ node, size })) is the wx stand-in's, whose 2d
// context draws the strokes and whose toDataURL gives their PNG (canvas-2d.ts).
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import type { Db } from '../../server/db/client'
import type { Phone } from './cold-start'
import { findNode, type PageInstance, textOf } from './page-host'

type Check = (name: string, ok: boolean, detail?: string) => void
type Until = (condition: () => boolean, timeoutMs?: number) => Promise<boolean>

/** A signature in strokes on the pad (CSS px): a rising wave, then an underline. */
const STROKES: [number, number][][] = [
  Array.from({ length: 21 }, (_, i) => [30 + i * 14, 90 + Math.round(Math.sin(i / 2) * 40)]),
  Array.from({ length: 8 }, (_, i) => [40 + i * 30, 150]),
]

/** The pad's width in CSS px, as the wx stand-in measures it (CANVAS_BOXES). */
const PAD_CSS_WIDTH = 343

/** A PNG's size, and whether a pixel of it is opaque ink. */
const inkOf = async (png: Buffer) => {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const isInked = (x: number, y: number) =>
    (data[(Math.round(y) * info.width + Math.round(x)) * info.channels + 3] ?? 0) > 128
  return { width: info.width, height: info.height, isInked }
}

export const signOnThePad = async ({
  phone,
  prisma,
  photoDir,
  handoverId,
  check,
  until,
}: {
  phone: Phone
  prisma: Db
  /** The server's photo store (DATA_DIR/photos), where it keeps signatures. */
  photoDir: string
  /** A handover 待签收, to a household the signed-in cadre keeps records of. */
  handoverId: string
  check: Check
  until: Until
}) => {
  const { host } = phone
  const pageText = (page: PageInstance | undefined) => textOf(page?.data.root)
  const signPage = host.navigation.navigateTo(`/package-handover/sign/index?id=${handoverId}`)
  check(
    '请受助人签字 shows the handover and the pad',
    await until(() => pageText(signPage).includes('请受助人在此处签字') && pageText(signPage).includes('¥100.00')),
    pageText(signPage).slice(0, 300),
  )
  // The canvas by its id (`uid`, Taro's key for it), not the first node naming "signature-pad":
  // that is the pad's outer View (its class), which takes no touches.
  const pad = findNode(signPage.data.root, (node) => node.uid === 'signature-pad')
  check('…the pad is a canvas found by its id', Boolean(pad?.sid), JSON.stringify(pad)?.slice(0, 300))
  // The page sizes the canvas from the node WeChat finds for it, once it has rendered.
  check(
    '…sized from the canvas node WeChat gives it',
    await until(() => Boolean(phone.canvasOf('#signature-pad')?.contextKinds.includes('2d'))),
    JSON.stringify(phone.canvasOf('#signature-pad')),
  )
  if (!pad?.sid) return
  const touch = (type: string, [x, y]: [number, number]) =>
    host.dispatch(
      signPage,
      pad,
      type,
      {},
      { touches: type === 'touchend' ? [] : [{ x, y }], changedTouches: [{ x, y }] },
    )
  for (const stroke of STROKES) {
    const [first, ...rest] = stroke
    if (!first) continue
    touch('touchstart', first)
    for (const at of rest) touch('touchmove', at)
    touch('touchend', stroke.at(-1) ?? first)
  }
  const inked = () => phone.canvasOf('#signature-pad')?.inked ?? []
  const points = STROKES.reduce((n, s) => n + s.length, 0)
  check(
    '…draws the strokes on the canvas as the finger moves',
    await until(() => inked().length >= points),
    `${inked().length} of ${points} points`,
  )
  check('…and the hint gives way to the ink', await until(() => !pageText(signPage).includes('请受助人在此处签字')))
  host.tap(signPage, '确认签收')
  check(
    '确认签收 sends handover.sign',
    await until(() => phone.requests.some((r) => r.call.includes('handover.sign'))),
    phone.requests
      .slice(-4)
      .map((r) => r.call)
      .join(', '),
  )
  let signedState = ''
  await until(() => {
    void prisma.handover
      .findUnique({ where: { id: handoverId }, select: { state: true, confirmation: true } })
      .then((h) => {
        signedState = `${h?.state} ${h?.confirmation}`
      })
    return signedState === 'CONFIRMED PHONE_SIGNATURE'
  })
  check('…and the server has it 已签收, signed on the phone', signedState === 'CONFIRMED PHONE_SIGNATURE', signedState)
  const signature = await prisma.handoverSignature.findUnique({ where: { handoverId } })
  const stored = signature ? path.join(photoDir, signature.storageKey) : ''
  const ink = existsSync(stored) ? await inkOf(await readFile(stored)) : undefined
  const canvas = phone.canvasOf('#signature-pad')
  check(
    '…keeping the drawing as a PNG of the pad’s size, in the photo store',
    signature?.mime === 'image/png' && ink?.width === canvas?.width && ink?.height === canvas?.height,
    JSON.stringify({ signature, ink: ink && [ink.width, ink.height], canvas: canvas && [canvas.width, canvas.height] }),
  )
  // The pad scales CSS px to the canvas's pixels (the phone's pixel ratio): the stroke's points
  // are dark in the kept PNG, and a corner the finger never went near is not.
  const ratio = (canvas?.width ?? 0) / PAD_CSS_WIDTH
  const [x, y] = STROKES[0]?.[10] ?? [0, 0]
  check(
    '…with the strokes the finger drew on it',
    Boolean(ink?.isInked(x * ratio, y * ratio)) && !ink?.isInked(2, 2),
    JSON.stringify({ ratio, at: [x, y] }),
  )
  check('…and the page closes', await until(() => host.current() !== signPage), host.current()?.route)
}
