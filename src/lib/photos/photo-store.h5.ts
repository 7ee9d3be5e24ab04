// Photos kept on the device, on H5: JPEG blobs in IndexedDB, which survive a reload (blob URLs do
// not) and hold far more than localStorage, until the offline queue has uploaded them (fetch with
// FormData). Taking them is capture-photos.h5.ts. The mini-program's is photo-store.ts.
import { uuid } from '../uuid'
import type { UploadAnswer } from './device-photo-types'

const DATABASE = 'pdrl-photos'
const STORE = 'photos'
const PREFIX = 'idb:'

const openDatabase = () =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })

/** One request in its own transaction, resolved once the transaction has committed. */
const inStore = async <T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
  const db = await openDatabase()
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode)
    const request = act(transaction.objectStore(STORE))
    transaction.oncomplete = () => {
      db.close()
      resolve(request.result)
    }
    transaction.onerror = transaction.onabort = () => {
      db.close()
      reject(transaction.error ?? new Error('照片保存失败'))
    }
  })
}

const keyOf = (path: string) => path.slice(PREFIX.length)

/** Stores the stamped JPEG; returns its path (`idb:<key>`). */
export const keepPhoto = async (file: string | Blob): Promise<string> => {
  if (typeof file === 'string') throw new Error('照片文件格式不正确')
  const key = uuid()
  await inStore('readwrite', (store) => store.put(file, key))
  return `${PREFIX}${key}`
}

const readPhoto = async (path: string): Promise<Blob | undefined> =>
  path.startsWith(PREFIX) ? inStore<Blob | undefined>('readonly', (store) => store.get(keyOf(path))) : undefined

const shown = new Map<string, string>()

/** An object URL for an <Image>; one per photo for the page's life. */
export const photoSrc = async (path: string): Promise<string> => {
  const known = shown.get(path)
  if (known) return known
  const blob = await readPhoto(path)
  if (!blob) return ''
  const url = URL.createObjectURL(blob)
  shown.set(path, url)
  return url
}

export const dropPhoto = async (path: string): Promise<void> => {
  if (!path.startsWith(PREFIX)) return
  await inStore('readwrite', (store) => store.delete(keyOf(path))).catch(() => undefined)
  const url = shown.get(path)
  if (url) URL.revokeObjectURL(url)
  shown.delete(path)
}

export const hasPhoto = async (path: string): Promise<boolean> => Boolean(await readPhoto(path).catch(() => undefined))

/** POSTs the kept photo; rejects only when the server was not reached. */
export const uploadPhoto = async (path: string, url: string, token: string): Promise<UploadAnswer> => {
  const blob = await readPhoto(path)
  if (!blob) return { status: 410, body: null }
  const form = new FormData()
  form.append('file', blob, 'photo.jpg')
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // Not JSON: a proxy's page; the status says enough.
  }
  return { status: response.status, body }
}

/** Removes kept photos no queue item refers to (a form left without saving, an item discarded). */
export const sweepPhotos = async (keep: ReadonlySet<string>): Promise<void> => {
  const keys = await inStore('readonly', (store) => store.getAllKeys()).catch(() => [])
  for (const key of keys) {
    const path = `${PREFIX}${String(key)}`
    if (!keep.has(path)) await dropPhoto(path)
  }
}

const fetched = new Map<string, Promise<string>>()

/** A photo from the server (GET /photos/:id[/thumb], bearer token) as an object URL for <Image>. */
export const fetchServerPhoto = (url: string, token: string): Promise<string> => {
  const known = fetched.get(url)
  if (known) return known
  const loading = fetch(url, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => {
    if (!response.ok) throw new Error('照片加载失败')
    return URL.createObjectURL(await response.blob())
  })
  fetched.set(url, loading)
  loading.catch(() => fetched.delete(url))
  return loading
}
