// 导入花名册: a cadre imports the 困难户花名册 they keep (docs/exports.md "Import"). 下载模板, fill
// it in, choose the file; the server's dry run lists every error and 疑点 by sheet, row and
// column; 确认导入 (only with no errors) writes every household or none (SpreadsheetImport).
import { useQuery, useQueryClient } from '@tanstack/react-query'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { RosterCheck } from '../../../common/contracts/import/household-roster-import'
import { FilterBar, SelectChip } from '../../components/FilterChips'
import { PageShell } from '../../components/PageShell'
import { QueryState } from '../../components/QueryState'
import { SpreadsheetImport } from '../../components/SpreadsheetImport'
import { useTRPC } from '../../lib/trpc'
import { useSpreadsheetImport } from '../../lib/use-spreadsheet-import'

const IMPORT_PATH = '/imports/household-roster'
const TEMPLATE_PATH = '/exports/household-roster-template.xlsx'

const HouseholdImport = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const villages = useQuery(trpc.village.list.queryOptions())
  const [villageId, setVillageId] = useState<string>()
  // The server's dry-run report (a type only; nothing of the server is bundled).
  const importer = useSpreadsheetImport<RosterCheck>(IMPORT_PATH)

  useEffect(() => {
    const first = villages.data?.[0]
    if (!villageId && first) setVillageId(first.id)
  }, [villages.data, villageId])

  return (
    <QueryState query={villages}>
      {(list) => (
        <SpreadsheetImport
          importer={importer}
          title="导入困难户花名册"
          intro="请先下载模板，按模板填写（户信息、家庭成员、致贫返贫风险各一张表，以户编号相互对应），再选择文件。系统会先预检，没有错误才能确认导入；有任何错误都不会写入数据。"
          template={{ path: TEMPLATE_PATH, fileName: '困难户花名册导入模板.xlsx', query: { villageId } }}
          choice={
            list.length > 1 ? (
              <FilterBar>
                <SelectChip
                  options={list.map((v) => ({ value: v.id, label: v.name }))}
                  value={villageId}
                  onChange={(v) => {
                    setVillageId(v)
                    importer.reset()
                  }}
                  testId="import-village"
                />
              </FilterBar>
            ) : null
          }
          query={{ villageId }}
          summary={(r) =>
            `共 ${r.counts.households} 户、${r.counts.members} 名家庭成员、${r.counts.risks} 项风险；错误 ${r.errorCount} 处，疑点 ${r.warningCount} 处`
          }
          commitLabel={(r) => (r.counts.households ? `确认导入 ${r.counts.households} 户` : null)}
          onImported={(r) => {
            void queryClient.invalidateQueries({ queryKey: trpc.household.pathKey() })
            void Taro.showToast({ title: `已导入 ${r.counts.households} 户`, icon: 'success' })
            setTimeout(() => void Taro.navigateBack(), 1200)
          }}
        />
      )}
    </QueryState>
  )
}

export default function HouseholdImportPage() {
  return (
    <PageShell>
      <HouseholdImport />
    </PageShell>
  )
}
