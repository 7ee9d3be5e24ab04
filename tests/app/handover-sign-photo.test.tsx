// 请受助人签字 with a photo of the handover: the photo is optional; taken on the page, it is queued
// behind the signature (handover.sign first, then photo.upload naming the handover), offline as
// online; a signed handover's page shows its photos instead of the pad.
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { itemSummary } from '../../src/lib/offline-queue/labels'
import type { DevicePhoto } from '../../src/lib/photos/device-photo-types'
import { PHOTO_UPLOAD } from '../../src/lib/photos/photo-upload'
import HandoverSignPage from '../../src/package-handover/sign/index'
import { handover } from './handover-fixtures'
import type { ApiCall } from './render-with-api'
import { ME, renderWithQueue } from './render-with-queue'
import { stubTaroEachTest } from './stub-taro'
import { route } from './taro-page-hooks'

vi.mock('@tarojs/taro', async (original) => (await import('./taro-page-hooks')).withPageHooks(await original()))

// jsdom has no canvas: the pad is its confirm button, giving the PNG a pad would.
vi.mock('../../src/components/SignaturePad', () => ({
  SignaturePad: ({ onConfirm, confirmText }: { onConfirm: (png: string | null) => void; confirmText?: string }) => (
    <button type="button" onClick={() => onConfirm('iVBORw0KGgo=')}>
      {confirmText ?? '确认'}
    </button>
  ),
}))

const PHOTO: DevicePhoto = {
  path: 'wxfile://usr/photos/handover-1.jpg',
  width: 1600,
  height: 1200,
  takenAt: '2025-01-23T02:05:00.000Z',
  capturedPlace: '良教乡前跃村',
}
const capture = vi.hoisted(() => ({ stamps: [] as unknown[] }))
// Taking a photo (compressed and stamped on the phone) is capture-photos.ts's; here it gives one.
vi.mock('../../src/lib/photos/capture-photos', () => ({
  STAMP_CANVAS_ID: 'photo-stamp-canvas',
  capturePhotos: async (_source: string, _max: number, stampOf: () => unknown) => {
    capture.stamps.push(stampOf())
    return [PHOTO]
  },
}))

const HANDOVER_ID = '01940000-0000-7000-8000-0000000000a1'
const VILLAGE = ME.villages[0] as (typeof ME.villages)[number]

const answerFor =
  (over: Parameters<typeof handover>[0] = {}) =>
  (call: ApiCall) => {
    if (call.path === 'handover.byId') return { data: handover({ id: HANDOVER_ID, villageId: VILLAGE.id, ...over }) }
    if (call.path === 'village.list') return { data: [VILLAGE] }
    if (call.path === 'photo.listFor') return { data: { items: [] } }
    return { data: null }
  }

const taro = stubTaroEachTest()

const signWithPhoto = async () => {
  fireEvent.click(await screen.findByTestId('photo-camera'))
  await waitFor(() => expect(screen.getByLabelText('删除第 1 张照片')).toBeTruthy())
  await act(async () => fireEvent.click(screen.getByText('确认签收')))
}

describe('请受助人签字 with a photo', () => {
  it('queues the photo behind the signature, offline, stamped with the village and the handover', async () => {
    route.params = { id: HANDOVER_ID }
    const { sent, stored } = renderWithQueue(<HandoverSignPage />, answerFor(), { isOnline: false })
    expect(await screen.findByText('发放照片（选填）')).toBeTruthy()
    await signWithPhoto()
    await waitFor(() => expect(taro.navigateBack).toHaveBeenCalledOnce())
    expect(sent).toEqual([])
    expect(stored().items.map((item) => item.procedure)).toEqual(['handover.sign', PHOTO_UPLOAD])
    expect(stored().items[1]?.input).toEqual({
      handoverId: HANDOVER_ID,
      path: PHOTO.path,
      takenAt: PHOTO.takenAt,
      capturedPlace: PHOTO.capturedPlace,
    })
    const photoItem = stored().items[1]
    // 待同步 names it as a handover's photo.
    if (photoItem) expect(itemSummary(photoItem)).toMatch(/^发放照片 /)
    expect(capture.stamps.at(-1)).toMatchObject({ village: '良教乡前跃村', theme: '帮扶发放' })
  })

  it('sends the signature, then the photo, online', async () => {
    route.params = { id: HANDOVER_ID }
    const { sent } = renderWithQueue(<HandoverSignPage />, answerFor())
    await signWithPhoto()
    await waitFor(() => expect(sent.map((call) => call.path)).toEqual(['handover.sign', PHOTO_UPLOAD]))
    expect(sent[0]?.input).toMatchObject({ id: HANDOVER_ID, signaturePng: 'iVBORw0KGgo=' })
    expect(sent[1]?.input).toMatchObject({ handoverId: HANDOVER_ID, path: PHOTO.path })
    await waitFor(() => expect(taro.toasts()).toContain('已签收，照片同步中'))
  })

  it('signs without a photo: the photo is optional', async () => {
    route.params = { id: HANDOVER_ID }
    const { sent } = renderWithQueue(<HandoverSignPage />, answerFor())
    const confirm = await screen.findByText('确认签收')
    await act(async () => fireEvent.click(confirm))
    await waitFor(() => expect(taro.toasts()).toContain('已签收'))
    expect(sent.map((call) => call.path)).toEqual(['handover.sign'])
  })

  it('shows a signed handover’s photos instead of the pad', async () => {
    route.params = { id: HANDOVER_ID }
    const { calls } = renderWithQueue(<HandoverSignPage />, answerFor({ state: 'CONFIRMED' }))
    expect(await screen.findByText('发放照片')).toBeTruthy()
    expect(screen.queryByText('确认签收')).toBeNull()
    expect(screen.getByText('这条发放记录已签收，无需再签字')).toBeTruthy()
    await waitFor(() => expect(calls).toContainEqual({ path: 'photo.listFor', input: { handoverId: HANDOVER_ID } }))
  })
})
