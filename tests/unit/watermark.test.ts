// The stamp on photos taken as evidence (src/lib/photos/watermark.ts): what it says, in Beijing
// time, and where it is drawn.
import { describe, expect, it } from 'vitest'
import {
  capturedPlaceOf,
  drawStamp,
  fitWithin,
  formatCoordinates,
  type StampContext,
  stampText,
} from '../../src/lib/photos/watermark'

const recordingContext = () => {
  const texts: { text: string; x: number; y: number; font: string }[] = []
  const rects: { x: number; y: number; w: number; h: number; fill: unknown }[] = []
  const ctx: StampContext = {
    font: '',
    fillStyle: '',
    textBaseline: '',
    fillRect: (x, y, w, h) => rects.push({ x, y, w, h, fill: ctx.fillStyle }),
    fillText: (text, x, y) => texts.push({ text, x, y, font: ctx.font }),
  }
  return { ctx, texts, rects }
}

describe('the photo stamp', () => {
  it('says when (Beijing time, with the weekday), where, what and who', () => {
    const text = stampText({
      takenAt: new Date('2025-01-23T02:30:00Z'),
      village: '良教乡前跃村',
      theme: '情系帮扶联点村 走访慰问暖民心',
      author: '王建国',
    })
    expect(text).toEqual({
      time: '10:30',
      date: '2025-01-23 星期四',
      lines: ['地点：良教乡前跃村', '主题：情系帮扶联点村 走访慰问暖民心', '拍摄：王建国'],
    })
  })

  it('a day that is already tomorrow in Beijing is stamped with tomorrow', () => {
    expect(stampText({ takenAt: new Date('2025-01-23T17:05:00Z') })).toMatchObject({
      time: '01:05',
      date: '2025-01-24 星期五',
      lines: [],
    })
  })

  it('adds the shared location as coordinates, and says when a photo came from the album', () => {
    const info = {
      takenAt: new Date('2025-01-23T02:30:00Z'),
      village: '良教乡前跃村',
      location: { latitude: 36.93012, longitude: 101.68213 },
      fromAlbum: true,
    }
    const text = stampText(info)
    expect(text.date).toBe('2025-01-23 星期四（相册照片，添加时间）')
    expect(text.lines).toContain('坐标：36.9301°N 101.6821°E')
    expect(capturedPlaceOf(info)).toBe('良教乡前跃村 36.9301°N 101.6821°E')
    expect(capturedPlaceOf({ takenAt: new Date(), village: '前跃村' })).toBe('前跃村')
    expect(formatCoordinates({ latitude: -33.5, longitude: -70.25 })).toBe('33.5000°S 70.2500°W')
  })

  it('cuts a long theme rather than running off the picture', () => {
    const text = stampText({ takenAt: new Date(), theme: '很'.repeat(40) })
    expect(text.lines[0]).toBe(`主题：${'很'.repeat(23)}…`)
  })

  it('is drawn in a band across the bottom, the time largest, every line inside the picture', () => {
    const { ctx, texts, rects } = recordingContext()
    const text = stampText({ takenAt: new Date('2025-01-23T02:30:00Z'), village: '前跃村', author: '王建国' })
    drawStamp(ctx, 1600, 1200, text)
    const band = rects[0]
    expect(band).toMatchObject({ x: 0, w: 1600 })
    expect((band?.y ?? 0) + (band?.h ?? 0)).toBe(1200)
    expect(texts.map((t) => t.text)).toEqual(['10:30', '2025-01-23 星期四', '地点：前跃村', '拍摄：王建国'])
    const size = (font: string) => Number(/(\d+)px/.exec(font)?.[1])
    expect(size(texts[0]?.font ?? '')).toBeGreaterThan(size(texts[1]?.font ?? ''))
    for (const t of texts) {
      expect(t.y).toBeGreaterThanOrEqual(band?.y ?? 0)
      expect(t.y + size(t.font)).toBeLessThanOrEqual(1200)
    }
  })

  it('fits the long side within 1600 px and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 })
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 })
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 })
  })
})
