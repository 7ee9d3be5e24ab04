// 现场照片 on the activity, visit and donation forms: take or pick photos, each compressed and
// stamped (时间、村、主题、拍摄人, and the place when shared) the moment it is added, and kept on
// the device until the offline queue uploads it after its record (lib/photos/queued-photos.ts).
import { Switch } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Canvas, Image, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { capturePhotos, STAMP_CANVAS_ID } from '../../lib/photos/capture-photos'
import type { DevicePhoto, PhotoSource } from '../../lib/photos/device-photo-types'
import { askLocation, type Coordinates } from '../../lib/photos/location'
import { dropPhoto, photoSrc } from '../../lib/photos/photo-store'
import type { StampInfo } from '../../lib/photos/watermark'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useMe } from '../../lib/use-me'
import './index.scss'

type Props = {
  photos: DevicePhoto[]
  onChange: (photos: DevicePhoto[]) => void
  /** The record's village and theme, as the form has them when a photo is added. */
  villageId: string | null
  theme: string | undefined
  max?: number
}

const isCancelled = (photos: DevicePhoto[] | null): photos is null => photos === null

export const PhotoPicker = ({ photos, onChange, villageId, theme, max = 9 }: Props) => {
  const trpc = useTRPC()
  const villages = useQuery(trpc.village.list.queryOptions())
  const me = useMe()
  const village = villages.data?.find((v) => v.id === villageId)
  /** What the stamp says besides the time and the place: 地点, 主题, 拍摄. */
  const stamp = (): Pick<StampInfo, 'village' | 'theme' | 'author'> => ({
    village: village ? `${village.township}${village.name}` : undefined,
    theme,
    author: me.data?.displayName,
  })
  const [sources, setSources] = useState<Record<string, string>>({})
  const [isBusy, setBusy] = useState(false)
  const [location, setLocation] = useState<Coordinates | null>(null)

  useEffect(() => {
    for (const photo of photos) {
      if (sources[photo.path]) continue
      void photoSrc(photo.path).then((src) => setSources((known) => ({ ...known, [photo.path]: src })))
    }
  }, [photos, sources])

  const add = async (source: PhotoSource) => {
    if (isBusy) return
    setBusy(true)
    try {
      const added = await capturePhotos(source, max - photos.length, () => ({
        ...stamp(),
        takenAt: new Date(),
        ...(location ? { location } : {}),
      }))
      if (isCancelled(added)) return
      onChange([...photos, ...added])
    } catch (error) {
      toast(error instanceof Error && error.message ? error.message : '照片处理失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  const remove = (path: string) => {
    void dropPhoto(path)
    onChange(photos.filter((p) => p.path !== path))
  }

  const toggleLocation = async (on: boolean) => {
    if (!on) return setLocation(null)
    const found = await askLocation()
    if (!found) toast('未能获取位置，照片将只标注村名')
    setLocation(found)
  }

  return (
    <View className="photo-picker">
      <View className="photo-picker__grid">
        {photos.map((photo, index) => (
          <View key={photo.path} className="photo-picker__item">
            <Image className="photo-picker__image" src={sources[photo.path] ?? ''} mode="aspectFill" />
            <Text
              className="photo-picker__remove"
              onClick={() => remove(photo.path)}
              aria-label={`删除第 ${index + 1} 张照片`}
            >
              ×
            </Text>
          </View>
        ))}
        {photos.length < max ? (
          <>
            <View className="photo-picker__add" onClick={() => void add('camera')} data-testid="photo-camera">
              <Text>{isBusy ? '处理中…' : '拍照'}</Text>
            </View>
            <View className="photo-picker__add" onClick={() => void add('album')} data-testid="photo-album">
              <Text>从相册选</Text>
            </View>
          </>
        ) : null}
      </View>
      <View className="photo-picker__location">
        <Switch checked={location !== null} onChange={(on: boolean) => void toggleLocation(on)} />
        <Text>水印加拍摄位置{location ? '（已获取）' : ''}</Text>
      </View>
      {process.env.TARO_ENV === 'weapp' ? (
        <Canvas type="2d" id={STAMP_CANVAS_ID} className="photo-picker__canvas" />
      ) : null}
    </View>
  )
}

type SectionProps = Omit<Props, 'photos' | 'onChange'> & {
  title: string
  /** The form's photos (usePhotoAttachments), queued after the record once it is saved. */
  attachments: { photos: DevicePhoto[]; setPhotos: (photos: DevicePhoto[]) => void }
}

/** A form's section of photos: its title (活动照片, 现场照片…) and the picker. */
export const PhotoSection = ({ title, attachments, ...picker }: SectionProps) => (
  <View className="section">
    <View className="section__title">{title}</View>
    <PhotoPicker photos={attachments.photos} onChange={attachments.setPhotos} {...picker} />
  </View>
)
