// 导入花名册: a cadre imports the 困难户花名册 they keep (docs/exports.md "Import"). 下载模板, fill
// it in, choose the file; the server's dry run lists every error and 疑点 by sheet, row and
// column; 确认导入 (only with no errors) writes every household or none, under one retry key, so
// a second tap or a retry after a lost answer imports once.
import { Button } from '@nutui/nutui-react-taro'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { RosterCheck } from '../../../common/contracts/import/household-roster-import'
import { FilterBar, SelectChip } from '../../components/FilterChips'
import { ImportReport } from '../../components/ImportReport'
import { ListState } from '../../components/ListState'
import { PageShell } from '../../components/PageShell'
import { IMPORT_PATH } from '../../lib/roster-file'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useExportDownload } from '../../lib/use-export-download'
import { useSpreadsheetImport } from '../../lib/use-spreadsheet-import'

const TEMPLATE_PATH = '/exports/household-roster-template.xlsx'

const HouseholdImport = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const villages = useQuery(trpc.village.list.queryOptions())
  const [villageId, setVillageId] = useState<string>()
  // What the server answers: its dry-run report (a type only; nothing of the server is bundled).
  const { file, report, isBusy, choose, commit, reset } = useSpreadsheetImport<RosterCheck>(IMPORT_PATH)
  const template = useExportDownload()

  useEffect(() => {
    const first = villages.data?.[0]
    if (!villageId && first) setVillageId(first.id)
  }, [villages.data, villageId])

  const chooseFile = () => {
    if (!villageId) return toast('请先选择村')
    void choose({ villageId })
  }

  const confirm = async () => {
    if (!report || !villageId) return
    if (!(await commit({ villageId }))) return
    void queryClient.invalidateQueries({ queryKey: trpc.household.pathKey() })
    await Taro.showToast({ title: `已导入 ${report.counts.households} 户`, icon: 'success' })
    setTimeout(() => void Taro.navigateBack(), 1200)
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
              reset()
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
        <Button size="small" type="primary" loading={isBusy && !report} disabled={isBusy} onClick={chooseFile}>
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
        <ImportReport
          fileName={file?.name}
          summary={`共 ${report.counts.households} 户、${report.counts.members} 名家庭成员、${report.counts.risks} 项风险；错误 ${report.errorCount} 处，疑点 ${report.warningCount} 处`}
          report={report}
          canCommit={canCommit}
          isBusy={isBusy}
          commitLabel={`确认导入 ${report.counts.households} 户`}
          onCommit={() => void confirm()}
        />
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
