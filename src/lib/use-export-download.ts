// An export button's state: which file is being fetched, and a Chinese toast when it fails.
import { useState } from 'react'
import { downloadExport } from './download-export'
import { toast } from './toast'

export const useExportDownload = () => {
  const [pendingPath, setPendingPath] = useState<string | null>(null)
  const start = (path: string, fallbackName: string, query: Record<string, string | undefined> = {}) => {
    setPendingPath(path)
    downloadExport(path, query, fallbackName)
      .catch((error: unknown) => toast(error instanceof Error ? error.message : '导出失败，请稍后重试'))
      .finally(() => setPendingPath(null))
  }
  return { pendingPath, start }
}
