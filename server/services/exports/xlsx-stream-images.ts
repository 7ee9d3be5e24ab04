// Images in a streamed workbook. exceljs's streaming writer lays out no drawings, and keeps every
// image it is given until the end; this lays them out itself, with exceljs's own parts (the
// drawing, its relationships, the content types) so that the file is the one its in-memory
// workbook would write:
//   - while the rows stream, each image placed is only remembered: its cell, its size and a key
//     to read it by (a few dozen bytes each); an image placed twice (the same content) is one file;
//   - once the sheet is committed, `finish` writes each image's file into the zip, read one at a
//     time and only once the output has taken the one before, then the drawing.
// So the memory the images take is one image's, however many rows carry one.
import { createRequire } from 'node:module'
import { PassThrough, type Readable, type Writable } from 'node:stream'
import type ExcelJS from 'exceljs'
import { drained, type WorkbookWriter } from './xlsx-stream'

const require = createRequire(import.meta.url)
type Xform = new () => { prepare?: (model: unknown, options: unknown) => void; toXml: (model: unknown) => string }
/** exceljs's parts, loaded on first use as exceljs itself is (server/lib/on-demand-libraries.ts). */
const exceljsPart = (path: string): Xform => require(`exceljs/lib/xlsx/xform/${path}`)

const IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image'
const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing'

/** The streaming writer's parts this module extends (exceljs 4.4, lib/stream/xlsx). */
type Zip = {
  append: (data: Buffer | string | Readable, options: { name: string; store?: boolean }) => void
  on: (event: 'entry', listener: (entry: { name: string }) => void) => void
  off: (event: 'entry', listener: (entry: { name: string }) => void) => void
}
type StreamingWorkbook = {
  zip: Zip
  commentRefs: unknown
  sharedStrings: unknown
  _worksheets: unknown[]
  addContentTypes: () => Promise<void>
}
type StreamingSheet = {
  id: number
  stream: { write: (text: string) => void }
  _sheetRelsWriter: { addRelationship: (rel: { Type: string; Target: string }) => string }
  _writeRowBreaks: () => void
}

/** Where an image goes: over the cell at (col, row), both 1-based, at width × height pixels. */
export type ImagePlace = { col: number; row: number; width: number; height: number }

type Anchor = ImagePlace & { image: number }

/** Anchors (or relationships) rendered at a time: a part's XML is streamed, never held whole. */
const PER_CHUNK = 500

/**
 * A part whose root element `root` holds many children, rendered PER_CHUNK at a time by exceljs's
 * xform into a stream: each chunk's children, under the first chunk's declaration and root.
 */
const chunkedXml = <T>(root: string, items: readonly T[], render: (chunk: readonly T[], start: number) => string) => {
  const part = new PassThrough()
  const write = async () => {
    for (let start = 0; start < items.length; start += PER_CHUNK) {
      const xml = render(items.slice(start, start + PER_CHUNK), start)
      const open = xml.indexOf('>', xml.indexOf(`<${root}`)) + 1
      const text = (start === 0 ? xml.slice(0, open) : '') + xml.slice(open, xml.lastIndexOf(`</${root}>`))
      if (!part.write(text)) await new Promise((resolve) => part.once('drain', resolve))
    }
    part.end(`</${root}>`)
  }
  write().catch((error: unknown) => part.destroy(error instanceof Error ? error : new Error(String(error))))
  return part
}

/** The drawing's XML (exceljs's DrawingXform): one anchor per image placed. */
const drawingXml = (anchors: readonly Anchor[]) => {
  const xform = new (exceljsPart('drawing/drawing-xform'))()
  return chunkedXml('xdr:wsDr', anchors, (chunk, start) => {
    const drawing = {
      anchors: chunk.map((a) => ({
        picture: { rId: `rId${a.image + 1}`, index: 0 },
        range: {
          tl: { nativeCol: a.col - 1, nativeColOff: 0, nativeRow: a.row - 1, nativeRowOff: 0 },
          ext: { width: a.width, height: a.height },
          editAs: 'oneCell',
        },
      })),
    }
    xform.prepare?.(drawing, {})
    // Each picture's id is its place in the whole drawing, not in the chunk.
    for (const [i, anchor] of drawing.anchors.entries()) anchor.picture.index = start + i + 1
    return xform.toXml(drawing)
  })
}

/** The drawing's relationships: one per image file. */
const drawingRelsXml = (imageCount: number) => {
  const xform = new (exceljsPart('core/relationships-xform'))()
  const indexes = Array.from({ length: imageCount }, (_, i) => i)
  return chunkedXml('Relationships', indexes, (chunk) =>
    xform.toXml(chunk.map((i) => ({ Id: `rId${i + 1}`, Type: IMAGE_REL, Target: `../media/image${i}.png` }))),
  )
}

/**
 * Images for one sheet of a streaming workbook. `read` gives an image's PNG by the reference it
 * was placed with; it is called once per distinct `contentKey`, by `finish`, which must be called
 * once the sheet is committed.
 */
export const streamedSheetImages = <R>(
  workbook: WorkbookWriter,
  sheet: ExcelJS.Worksheet,
  { output, read }: { output: Writable; read: (ref: R) => Promise<Buffer> },
) => {
  const book = workbook as unknown as StreamingWorkbook
  const writer = sheet as unknown as StreamingSheet
  const images = new Map<string, { index: number; ref: R }>()
  const anchors: Anchor[] = []
  const drawingName = `drawing${writer.id}`

  // The sheet's <drawing>, in its place in the schema: after the row breaks.
  const writeRowBreaks = writer._writeRowBreaks.bind(writer)
  writer._writeRowBreaks = () => {
    writeRowBreaks()
    if (!anchors.length) return
    const rId = writer._sheetRelsWriter.addRelationship({ Type: DRAWING_REL, Target: `../drawings/${drawingName}.xml` })
    writer.stream.write(`<drawing r:id="${rId}"/>`)
  }

  /** Appends a part to the zip and waits until the zip has taken it in. */
  const appendPart = (data: Buffer | string | Readable, name: string, { store = false } = {}) =>
    new Promise<void>((resolve) => {
      const taken = (entry: { name: string }) => {
        if (entry.name !== name) return
        book.zip.off('entry', taken)
        resolve()
      }
      book.zip.on('entry', taken)
      book.zip.append(data, { name, store })
    })

  // Each image's file, one at a time, then the drawing that places them.
  const finish = async () => {
    for (const [i, { ref }] of [...images.values()].entries()) {
      await drained(output)
      // Stored, not deflated: a PNG is compressed already.
      await appendPart(await read(ref), `xl/media/image${i}.png`, { store: true })
    }
    if (!anchors.length) return
    await appendPart(drawingXml(anchors), `xl/drawings/${drawingName}.xml`)
    await appendPart(drawingRelsXml(images.size), `xl/drawings/_rels/${drawingName}.xml.rels`)
  }

  // The content types name the images' kind and the drawing.
  book.addContentTypes = async () => {
    const model = {
      worksheets: book._worksheets.filter(Boolean),
      sharedStrings: book.sharedStrings,
      commentRefs: book.commentRefs,
      media: images.size ? [{ type: 'image', extension: 'png' }] : [],
      drawings: anchors.length ? [{ name: drawingName }] : [],
    }
    book.zip.append(new (exceljsPart('core/content-types-xform'))().toXml(model), { name: '[Content_Types].xml' })
  }

  return {
    /** Places the image known by `contentKey` (read by `ref` if it is new) at `place`. */
    place: (contentKey: string, ref: R, place: ImagePlace) => {
      let image = images.get(contentKey)
      if (!image) {
        image = { index: images.size, ref }
        images.set(contentKey, image)
      }
      anchors.push({ ...place, image: image.index })
    },
    finish,
  }
}
