// 导入花名册: a cadre imports the 困难户花名册 they keep (docs/exports.md "Import"). 下载模板, fill
// it in, choose the file; the server's dry run lists every error and 疑点 by sheet, row and
// column; 确认导入 (only with no errors) writes every household or none, under one retry key, so
// a second tap or a retry after a lost answer imports once.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { RosterCheck } from '../../../common/contracts/import/household-roster-import'
import { FilterBar, SelectChip } from '../../components/FilterChips'
import { ListState } from '../../components/ListState'
import { PageShell } from '../../components/PageShell'
import type { PickedFile } from '../../lib/roster-file'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { pickRosterFile, uploadRoster } from '../../lib/upload-roster'
import { useExportDownload } from '../../lib/use-export-download'
import { uuid } from '../../lib/uuid'

const TEMPLATE_PATH = '/exports/household-roster-template.xlsx'

/** What the server answers: its dry-run report (a type only; nothing of the server is bundled). */
type DryRun = RosterCheck
type ImportIssue = DryRun['errors'][number]
type ErrorAnswer = { error?: { message?: string }; report?: DryRun }

const messageOf = (body: unknown, fallback: string) => {
  const message = (body as ErrorAnswer | null)?.error?.message
  return typeof message === 'string' && message ? message : fallback
}

const IssueList = ({ title, issues, testId }: { title: string; issues: ImportIssue[]; testId: string }) =>
  issues.length ? (
    <View className="section" data-testid={testId}>
      <View className="section__title">{title}</View>
      {/* One issue per cell and code: the text is unique. */}
      {issues.map((issue) => (
        <Cell key={`${issue.code}:${issue.text}`} title={issue.text} />
      ))}
    </View>
  ) : null

const HouseholdImport = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const villages = useQuery(trpc.village.list.queryOptions())
  const [villageId, setVillageId] = useState<string>()
  const [file, setFile] = useState<PickedFile | null>(null)
  const [report, setReport] = useState<DryRun | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  // One key per checked file: a repeated 确认导入 of the same check imports once.
  const [clientMutationId, setClientMutationId] = useState(uuid)
  const template = useExportDownload()

  useEffect(() => {
    const first = villages.data?.[0]
    if (!villageId && first) setVillageId(first.id)
  }, [villages.data, villageId])

  const check = async (picked: PickedFile, village: string) => {
    setIsBusy(true)
    setReport(null)
    try {
      const answer = await uploadRoster(picked, { mode: 'dry-run', villageId: village })
      if (answer.status !== 200) throw new Error(messageOf(answer.body, '预检失败，请稍后重试'))
      setReport(answer.body as DryRun)
      setClientMutationId(uuid())
    } catch (error) {
      toast(error instanceof Error ? error.message : '预检失败，请稍后重试')
    } finally {
      setIsBusy(false)
    }
  }

  const choose = async () => {
    if (!villageId) return toast('请先选择村')
    const picked = await pickRosterFile()
    if (!picked) return
    if (!/\.xlsx$/i.test(picked.name)) return toast('只能导入 .xlsx 文件，请用导入模板填写')
    setFile(picked)
    await check(picked, villageId)
  }

  const confirm = async () => {
    if (!file || !report || !villageId) return
    setIsBusy(true)
    try {
      const answer = await uploadRoster(file, {
        mode: 'commit',
        villageId,
        digest: report.digest,
        clientMutationId,
      })
      if (answer.status === 200) {
        void queryClient.invalidateQueries({ queryKey: trpc.household.pathKey() })
        await Taro.showToast({ title: `已导入 ${report.counts.households} 户`, icon: 'success' })
        setTimeout(() => void Taro.navigateBack(), 1200)
        return
      }
      const body = answer.body as ErrorAnswer | null
      // Something changed since the check (a household saved meanwhile): show the new report.
      if (body?.report) setReport(body.report)
      toast(messageOf(body, '导入失败，请稍后重试'))
    } catch (error) {
      toast(error instanceof Error ? error.message : '导入失败，请稍后重试')
    } finally {
      setIsBusy(false)
    }
  }

  const canCommit = Boolean(report && report.errorCount === 0 && report.counts.households > 0)
  return (
    <View>
      <View className="section">
        <View className="section__title">导入困难户花名册</View>
        <View className="section__body muted">
          请先下载模板，按模板填写（户信息、家庭成员、致贫返贫风险各一张表，以户编号相互对应），再选择文件。系统会先预检，没有错误才能确认导入；有任何错误都不会写入数据。
        </View>
      </View>
      {(villages.data?.length ?? 0) > 1 ? (
        <FilterBar>
          <SelectChip
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            value={villageId}
            onChange={(v) => {
              setVillageId(v)
              setReport(null)
              setFile(null)
            }}
            testId="import-village"
          />
        </FilterBar>
      ) : null}
      <View className="actions">
        <Button
          size="small"
          loading={template.pendingPath !== null}
          onClick={() => template.start(TEMPLATE_PATH, '困难户花名册导入模板.xlsx', { villageId })}
        >
          下载模板
        </Button>
        <Button size="small" type="primary" loading={isBusy && !report} disabled={isBusy} onClick={() => void choose()}>
          {file ? '重新选择文件' : '选择文件'}
        </Button>
      </View>
      {villages.isLoading || villages.error ? (
        <ListState
          isLoading={villages.isLoading}
          error={villages.error}
          isEmpty={false}
          emptyText=""
          onRetry={() => void villages.refetch()}
        />
      ) : null}
      {report ? (
        <>
          <View className="section" data-testid="import-summary">
            <View className="section__title">{file?.name ?? '预检结果'}</View>
            <View className="section__body">
              <Text>
                {`共 ${report.counts.households} 户、${report.counts.members} 名家庭成员、${report.counts.risks} 项风险；错误 ${report.errorCount} 处，疑点 ${report.warningCount} 处`}
              </Text>
              {report.isTruncated ? <Text className="muted">（问题较多，只列出前 500 条）</Text> : null}
            </View>
          </View>
          <IssueList title="错误（须修改后重新上传）" issues={report.errors} testId="import-errors" />
          <IssueList title="疑点（不影响导入，请核对）" issues={report.warnings} testId="import-warnings" />
          <View className="actions">
            <Button type="primary" disabled={!canCommit || isBusy} loading={isBusy} onClick={() => void confirm()}>
              {canCommit ? `确认导入 ${report.counts.households} 户` : '有错误，不能导入'}
            </Button>
          </View>
        </>
      ) : null}
    </View>
  )
}

export default function HouseholdImportPage() {
  return (
    <PageShell>
      <HouseholdImport />
    </PageShell>
  )
}
