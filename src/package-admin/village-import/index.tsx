// 导入村名单: an administrator brings a county's (or a province's) villages in from Excel (POST
// /imports/villages, docs/exports.md "Import · 村名单"): the dry run names each row's problem in
// Chinese, villages already in the ledger are skipped, and 确认导入 writes all new ones or none.
import { useQueryClient } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import type { VillageImportCheck } from '../../../common/contracts/village/village-import'
import { PageShell } from '../../components/PageShell'
import { SpreadsheetImport } from '../../components/SpreadsheetImport'
import { useTRPC } from '../../lib/trpc'
import { useSpreadsheetImport } from '../../lib/use-spreadsheet-import'

const VillageImport = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const importer = useSpreadsheetImport<VillageImportCheck>('/imports/villages')
  return (
    <SpreadsheetImport
      importer={importer}
      title="导入村名单"
      intro="请先下载模板，一行一个村，填写村名、所属县（区）、所属乡（镇）和 12 位行政区划代码，再选择文件。系统会先预检：已在台账中的村会跳过；没有错误才能确认导入，有任何错误都不会写入数据。"
      template={{ path: '/exports/village-import-template.xlsx', fileName: '村名单导入模板.xlsx' }}
      summary={(r) =>
        `共 ${r.counts.rows} 个村，新增 ${r.counts.toCreate} 个，已在台账中 ${r.counts.alreadyPresent} 个；错误 ${r.errorCount} 处，提示 ${r.warningCount} 处`
      }
      commitLabel={(r) => (r.counts.toCreate ? `确认导入 ${r.counts.toCreate} 个村` : null)}
      warningsTitle="提示（不影响导入，请核对）"
      onImported={(r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.village.pathKey() })
        void Taro.showToast({ title: `已导入 ${r.counts.toCreate} 个村`, icon: 'success' })
        setTimeout(() => void Taro.navigateBack(), 1200)
      }}
    />
  )
}

export default function VillageImportPage() {
  return (
    <PageShell>
      <VillageImport />
    </PageShell>
  )
}
