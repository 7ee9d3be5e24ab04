// Loads a record into a form once, when it first arrives (later refetches must not overwrite what
// the person is typing).
import { useEffect, useRef } from 'react'

export const useFirstData = <T>(data: T | undefined | null, apply: (data: T) => void): void => {
  const isApplied = useRef(false)
  useEffect(() => {
    if (isApplied.current || data === undefined || data === null) return
    isApplied.current = true
    apply(data)
  })
}
