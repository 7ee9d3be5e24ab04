// 照片 on a record's detail page: the photos the server keeps (thumbnails, fetched with the
// session's token; tap for the full size), and before them the ones still waiting on this device
// to go up, marked 未同步.
import { useQuery } from '@tanstack/react-query'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { useOfflineQueueState } from '../../lib/offline-queue/context'
import { fetchServerPhoto, photoSrc } from '../../lib/photos/photo-store'
import { PHOTO_UPLOAD } from '../../lib/photos/photo-upload'
import type { PhotoTarget } from '../../lib/photos/queued-photos'
import { readSession } from '../../lib/session'
import { API_BASE_URL, useTRPC } from '../../lib/trpc'
import './index.scss'

type Shown = { key: string; load: () => Promise<string>; full?: () => Promise<string>; isUnsynced: boolean }

const targetId = (target: PhotoTarget) => Object.values(target)[0] as string

const Thumb = ({ shown, onOpen }: { shown: Shown; onOpen: () => void }) => {
  const [src, setSrc] = useState('')
  useEffect(() => {
    let isLive = true
    shown.load().then(
      (loaded) => isLive && setSrc(loaded),
      () => undefined,
    )
    return () => {
      isLive = false
    }
  }, [shown])
  return (
    <View className="photo-gallery__item" onClick={onOpen}>
      <Image className="photo-gallery__image" src={src} mode="aspectFill" />
      {shown.isUnsynced ? <Text className="photo-gallery__tag">未同步</Text> : null}
    </View>
  )
}

export const PhotoGallery = ({ target }: { target: PhotoTarget }) => {
  const trpc = useTRPC()
  const photos = useQuery(trpc.photo.listFor.queryOptions(target))
  const kept = photos.data?.items ?? []
  const queued = useOfflineQueueState()?.items ?? []
  const id = targetId(target)
  const token = readSession()?.token ?? ''
  const [shown, setShown] = useState<Shown[]>([])

  const unsyncedPaths = queued
    .filter((item) => item.procedure === PHOTO_UPLOAD && Object.values(item.input).includes(id))
    .map((item) => String(item.input.path))
  const serverIds = kept.map((p) => p.id)
  const signature = [...unsyncedPaths, ...serverIds].join(',')

  // Rebuilt when the set of photos changes, not on every render (each thumbnail loads once).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `signature` stands for the lists it is made of.
  useEffect(() => {
    setShown([
      ...unsyncedPaths.map((path) => ({ key: path, load: () => photoSrc(path), isUnsynced: true })),
      ...kept.map((photo) => ({
        key: photo.id,
        load: () => fetchServerPhoto(`${API_BASE_URL}${photo.thumbnailUrl}`, token),
        full: () => fetchServerPhoto(`${API_BASE_URL}${photo.url}`, token),
        isUnsynced: false,
      })),
    ])
  }, [signature, token])

  const open = async (index: number) => {
    try {
      const urls = await Promise.all(shown.map((s) => (s.full ?? s.load)()))
      await Taro.previewImage({ urls, current: urls[index] ?? '' })
    } catch {
      // A photo that would not load: the thumbnail stays as it is.
    }
  }

  if (!shown.length) return <Text className="photo-gallery__empty">暂无照片</Text>
  return (
    <View className="photo-gallery">
      {shown.map((s, index) => (
        <Thumb key={s.key} shown={s} onOpen={() => void open(index)} />
      ))}
    </View>
  )
}
