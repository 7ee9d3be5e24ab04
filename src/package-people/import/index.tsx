// 导入党员花名册: an administrator or 支部书记 brings in the members (党员) of his orgs from the
// roster he keeps (姓名, 手机号, 所在党组织, 职务). 下载模板, fill it in, choose the file; the
// server's dry run lists every row's errors and 疑点; 确认导入 (only with no errors) writes every
// row or none, once per key (SpreadsheetImport). New accounts get one-time passwords, shown here
// once, to hand out (or an invitation each, from their page).
import { Button, Cell } from '@nutui/nutui-react-taro'
import { useQueryClient } from '@tanstack/react-query'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { MemberRosterCheck, MemberRosterCommit } from '../../../common/contracts/import/member-roster-import'
import { PageShell } from '../../components/PageShell'
import { SpreadsheetImport } from '../../components/SpreadsheetImport'
import { routes } from '../../lib/routes'
import { toast } from '../../lib/toast'
import { useTRPC } from '../../lib/trpc'
import { useSpreadsheetImport } from '../../lib/use-spreadsheet-import'

const IMPORT_PATH = '/imports/member-roster'
const TEMPLATE_PATH = '/exports/member-roster-template.xlsx'

const copyPasswords = (created: MemberRosterCommit['created']) =>
  void Taro.setClipboardData({
    data: created.map((c) => `${c.displayName}\t${c.phone}\t${c.orgName}\t${c.oneTimePassword}`).join('\n'),
  }).then(() => toast('已复制，可粘贴到表格中'))

const Imported = ({ result }: { result: MemberRosterCommit }) => (
  <View>
    <View className="section" data-testid="import-done">
      <View className="section__title">导入完成</View>
      <View className="section__body">
        {`新建账号 ${result.counts.newAccounts} 个，已有账号添加党员角色 ${result.counts.rolesAdded} 个，无需变动 ${result.counts.unchanged} 个。`}
      </View>
    </View>
    {result.created.length ? (
      <View className="section" data-testid="import-passwords">
        <View className="section__title">新账号的初始密码</View>
        <View className="field-error">
          只显示这一次，请逐一告知本人（首次登录后须修改），或在人员详情中生成邀请码。
        </View>
        {result.created.map((c) => (
          <Cell
            key={c.userId}
            title={`${c.displayName}（${c.phone}）`}
            description={c.orgName}
            extra={c.oneTimePassword}
            onClick={() => void Taro.navigateTo({ url: routes.personDetail(c.userId) })}
          />
        ))}
        <View className="section__body">
          <Button size="small" type="primary" onClick={() => copyPasswords(result.created)}>
            复制全部（姓名、手机号、组织、初始密码）
          </Button>
        </View>
      </View>
    ) : null}
  </View>
)

const MemberImport = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const importer = useSpreadsheetImport<MemberRosterCheck, MemberRosterCommit>(IMPORT_PATH)
  const [result, setResult] = useState<MemberRosterCommit | null>(null)
  if (result) return <Imported result={result} />
  return (
    <SpreadsheetImport
      importer={importer}
      title="导入党员花名册"
      intro="请先下载模板，每行填写一名党员的姓名、手机号、所在党组织（全称）和职务，再选择文件。系统会先预检，没有错误才能确认导入；有任何错误都不会写入数据。已有账号（手机号和姓名一致）会添加党员角色。"
      template={{ path: TEMPLATE_PATH, fileName: '党员花名册导入模板.xlsx' }}
      summary={(r) =>
        `共 ${r.counts.rows} 行：新建账号 ${r.counts.newAccounts} 个，已有账号添加角色 ${r.counts.rolesAdded} 个，无需变动 ${r.counts.unchanged} 个；错误 ${r.errorCount} 处，疑点 ${r.warningCount} 处`
      }
      commitLabel={(r) => (r.canCommit && r.counts.rows ? `确认导入 ${r.counts.rows} 行` : null)}
      onImported={(_report, committed) => {
        void queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() })
        setResult(committed)
      }}
    />
  )
}

export default function MemberImportPage() {
  return (
    <PageShell>
      <MemberImport />
    </PageShell>
  )
}
