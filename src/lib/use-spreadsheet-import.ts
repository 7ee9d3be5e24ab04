// The steps every spreadsheet import takes (POST /imports/…, docs/exports.md "Import"): choose
// an .xlsx, the server's dry run reports every problem by sheet, row and column, and 确认导入
// (only with no errors) writes all or nothing under one retry key, so a second tap or a retry
// after a lost answer imports once. A commit that finds the ledger changed since the check
// answers with the new report, which replaces the old one.
import { useState } from 'react'
import type { PickedFile } from './roster-file'
import { toast } from './toast'
import { pickRosterFile, uploadRoster } from './upload-roster'
import { uuid } from './uuid'

/** What every import's dry run answers (each adds its own counts). */
export type ImportReport = {
  digest: string
  errorCount: number
  warningCount: number
  errors: readonly { code: string; text: string }[]
  warnings: readonly { code: string; text: string }[]
  isTruncated: boolean
}

type ErrorAnswer<R> = { error?: { message?: string }; report?: R }

const messageOf = (body: unknown, fallback: string) => {
  const message = (body as ErrorAnswer<unknown> | null)?.error?.message
  return typeof message === 'string' && message ? message : fallback
}

const messageOfError = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback)

type Query = Record<string, string | undefined>

/** `path`: the import's route, such as /imports/villages; R: its dry run's report; Committed: its commit's answer. */
export const useSpreadsheetImport = <R extends ImportReport, Committed = unknown>(path: string) => {
  const [file, setFile] = useState<PickedFile | null>(null)
  const [report, setReport] = useState<R | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  // One key per checked file: a repeated 确认导入 of the same check imports once.
  const [clientMutationId, setClientMutationId] = useState(uuid)

  const check = async (picked: PickedFile, query: Query) => {
    setIsBusy(true)
    setReport(null)
    try {
      const answer = await uploadRoster(path, picked, { ...query, mode: 'dry-run' })
      if (answer.status !== 200) throw new Error(messageOf(answer.body, '预检失败，请稍后重试'))
      setReport(answer.body as R)
      setClientMutationId(uuid())
    } catch (error) {
      toast(messageOfError(error, '预检失败，请稍后重试'))
    } finally {
      setIsBusy(false)
    }
  }

  /** Picks a file and has the server check it. */
  const choose = async (query: Query = {}) => {
    const picked = await pickRosterFile()
    if (!picked) return
    if (!/\.xlsx$/i.test(picked.name)) return toast('只能导入 .xlsx 文件，请用导入模板填写')
    setFile(picked)
    await check(picked, query)
  }

  /** Imports the checked file: the commit's answer, or null when it was refused (and said why). */
  const commit = async (query: Query = {}): Promise<Committed | null> => {
    if (!file || !report) return null
    setIsBusy(true)
    try {
      const answer = await uploadRoster(path, file, {
        ...query,
        mode: 'commit',
        digest: report.digest,
        clientMutationId,
      })
      if (answer.status === 200) return answer.body as Committed
      const body = answer.body as ErrorAnswer<R> | null
      // Something changed since the check (a record saved meanwhile): show the new report.
      if (body?.report) setReport(body.report)
      toast(messageOf(body, '导入失败，请稍后重试'))
      return null
    } catch (error) {
      toast(messageOfError(error, '导入失败，请稍后重试'))
      return null
    } finally {
      setIsBusy(false)
    }
  }

  /** Forgets the file and its report (another village chosen, say). */
  const reset = () => {
    setFile(null)
    setReport(null)
  }

  return { file, report, isBusy, choose, commit, reset }
}

export type SpreadsheetImport<R extends ImportReport, Committed = unknown> = ReturnType<
  typeof useSpreadsheetImport<R, Committed>
>
