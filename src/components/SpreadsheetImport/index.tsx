// A spreadsheet import's page body (useSpreadsheetImport): what to do, 下载模板 and 选择文件, and
// once the server has checked the file, what it holds, its errors and warnings row by row, and
// 确认导入, offered only when nothing is wrong.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useExportDownload } from '../../lib/use-export-download'
import type { SpreadsheetImport as Importer, ImportReport } from '../../lib/use-spreadsheet-import'

const IssueList = ({ title, issues, testId }: { title: string; issues: ImportReport['errors']; testId: string }) =>
  issues.length ? (
    <View className="section" data-testid={testId}>
      <View className="section__title">{title}</View>
      {/* One issue per cell and code: the text is unique. */}
      {issues.map((issue) => (
        <Cell key={`${issue.code}:${issue.text}`} title={issue.text} />
      ))}
    </View>
  ) : null

type Props<R extends ImportReport, Committed> = {
  importer: Importer<R, Committed>
  title: string
  /** How to fill the template in, and that nothing is written while there are errors. */
  intro: string
  template: { path: string; fileName: string; query?: Record<string, string | undefined> }
  /** Above the buttons: what the import goes into (the roster's village). */
  choice?: ReactNode
  /** The query sent with the file (both the check and the commit). */
  query?: Record<string, string | undefined>
  /** 共 3 个村，新增 2 个 … */
  summary: (report: R) => string
  /** What 确认导入 imports (确认导入 2 户), or null when the file holds nothing new. */
  commitLabel: (report: R) => string | null
  warningsTitle?: string
  /** With the report the file was imported on, and the server's answer to the commit. */
  onImported: (report: R, committed: Committed) => void
}

export const SpreadsheetImport = <R extends ImportReport, Committed = unknown>({
  importer,
  title,
  intro,
  template,
  choice,
  query = {},
  summary,
  commitLabel,
  warningsTitle = '疑点（不影响导入，请核对）',
  onImported,
}: Props<R, Committed>) => {
  const download = useExportDownload()
  const { file, report, isBusy } = importer
  const label = report && report.errorCount === 0 ? commitLabel(report) : null
  const confirm = async () => {
    if (!report) return
    const committed = await importer.commit(query)
    if (committed !== null) onImported(report, committed)
  }
  return (
    <View>
      <View className="section">
        <View className="section__title">{title}</View>
        <View className="section__body muted">{intro}</View>
      </View>
      {choice}
      <View className="actions">
        <Button
          size="small"
          loading={download.pendingPath !== null}
          onClick={() => download.start(template.path, template.fileName, template.query)}
        >
          下载模板
        </Button>
        <Button
          size="small"
          type="primary"
          loading={isBusy && !report}
          disabled={isBusy}
          onClick={() => void importer.choose(query)}
        >
          {file ? '重新选择文件' : '选择文件'}
        </Button>
      </View>
      {report ? (
        <>
          <View className="section" data-testid="import-summary">
            <View className="section__title">{file?.name ?? '预检结果'}</View>
            <View className="section__body">
              <Text>{summary(report)}</Text>
              {report.isTruncated ? <Text className="muted">（问题较多，只列出前 500 条）</Text> : null}
            </View>
          </View>
          <IssueList title="错误（须修改后重新上传）" issues={report.errors} testId="import-errors" />
          <IssueList title={warningsTitle} issues={report.warnings} testId="import-warnings" />
          <View className="actions">
            <Button type="primary" disabled={!label || isBusy} loading={isBusy} onClick={() => void confirm()}>
              {label ?? (report.errorCount ? '有错误，不能导入' : '没有可导入的内容')}
            </Button>
          </View>
        </>
      ) : null}
    </View>
  )
}
