// A spreadsheet import's steps on its page (docs/exports.md "Import"): choose an .xlsx, the
// server's dry run (every row's errors, nothing written), then 确认导入 of that very file (its
// digest) under one retry key, so a second tap or a retry after a lost answer imports once. A
// commit the server refuses because something changed since the check answers a new report, shown
// in place of the old. Used by the 困难户花名册 and 党员花名册 imports alike.
import { useState } from 'react'
import type { PickedFile } from './roster-file'
import { toast } from './toast'
import { pickRosterFile, uploadRoster } from './upload-roster'
import { uuid } from './uuid'

type ErrorAnswer = { error?: { message?: string }; report?: unknown }

const messageOf = (body: unknown, fallback: string) => {
  const message = (body as ErrorAnswer | null)?.error?.message
  return typeof message === 'string' && message ? message : fallback
}

type Query = Record<string, string | undefined>

/** `path`: the import's route (POST /imports/…); `Report`: its dry run's answer, `Committed`: its commit's. */
export const useSpreadsheetImport = <Report extends { digest: string }, Committed = unknown>(path: string) => {
  const [file, setFile] = useState<PickedFile | null>(null)
  const [report, setReport] = useState<Report | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  // One key per checked file: a repeated 确认导入 of the same check imports once.
  const [clientMutationId, setClientMutationId] = useState(uuid)

  const check = async (picked: PickedFile, query: Query) => {
    setIsBusy(true)
    setReport(null)
    try {
      const answer = await uploadRoster(picked, { ...query, mode: 'dry-run' }, path)
      if (answer.status !== 200) throw new Error(messageOf(answer.body, '预检失败，请稍后重试'))
      setReport(answer.body as Report)
      setClientMutationId(uuid())
    } catch (error) {
      toast(error instanceof Error ? error.message : '预检失败，请稍后重试')
    } finally {
      setIsBusy(false)
    }
  }

  /** Picks an .xlsx and checks it. */
  const choose = async (query: Query = {}) => {
    const picked = await pickRosterFile()
    if (!picked) return
    if (!/\.xlsx$/i.test(picked.name)) return toast('只能导入 .xlsx 文件，请用导入模板填写')
    setFile(picked)
    await check(picked, query)
  }

  /** Imports the checked file; the commit's answer, or null when it was refused (and said why). */
  const commit = async (query: Query = {}): Promise<Committed | null> => {
    if (!file || !report) return null
    setIsBusy(true)
    try {
      const answer = await uploadRoster(
        file,
        { ...query, mode: 'commit', digest: report.digest, clientMutationId },
        path,
      )
      if (answer.status === 200) return answer.body as Committed
      const body = answer.body as ErrorAnswer | null
      // Something changed since the check (a record saved meanwhile): show the new report.
      if (body?.report) setReport(body.report as Report)
      toast(messageOf(body, '导入失败，请稍后重试'))
      return null
    } catch (error) {
      toast(error instanceof Error ? error.message : '导入失败，请稍后重试')
      return null
    } finally {
      setIsBusy(false)
    }
  }

  const reset = () => {
    setFile(null)
    setReport(null)
  }

  return { file, report, isBusy, choose, commit, reset }
}
