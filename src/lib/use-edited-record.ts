// Loads a saved record into an edit form, once, and remembers the version the form was filled
// from. A save must send that version, never the newest one fetched: a background refetch would
// otherwise let a form filled from stale data overwrite someone else's changes.
//
// After a version conflict, `reload()` fills the form again from the record as it now is (the
// person is asked first, since it replaces what they typed).
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

export const useEditedRecord = <T extends { version: number }>(
  record: T | undefined,
  fill: (record: T) => void,
  refetch: () => unknown,
) => {
  const [loadedVersion, setLoadedVersion] = useState<number | null>(null)
  const wantsFill = useRef(true)
  useEffect(() => {
    if (!wantsFill.current || !record || record.version === loadedVersion) return
    wantsFill.current = false
    setLoadedVersion(record.version)
    fill(record)
  })

  const offerReload = () =>
    void Taro.showModal({
      title: '记录已被他人修改',
      content: '您打开这页之后，有人保存了新的内容。载入最新内容后请核对，再重新修改保存（您这次的修改需要重新填写）。',
      confirmText: '载入最新',
      cancelText: '暂不',
    }).then(({ confirm }) => {
      if (!confirm) return
      wantsFill.current = true
      void refetch()
    })

  return { loadedVersion, offerReload }
}
