// 发放签收表 as the paper form lays it out: the title, the organising unit, place and date, then a
// bordered table, one row per recipient and item (慰问金 an item of its own), and the 合计. The
// internal form keeps a blank 签名 cell for a signature on paper where none is on record; the
// 公示 version has names masked (by the server) and no signing columns. From handover.signSheet.
import { Button } from '@nutui/nutui-react-taro'
import { useQuery } from '@tanstack/react-query'
import { Text, View } from '@tarojs/components'
import type { TSignSheetRequest } from '../../../common/contracts/handover/sign-sheet'
import { fenToYuanText, formatFen } from '../../../common/money'
import { QueryState } from '../../components/QueryState'
import type { RouterOutputs } from '../../lib/api-types'
import { canPrint, printPage } from '../../lib/print-page'
import { useTRPC } from '../../lib/trpc'
import './index.scss'

type Sheet = RouterOutputs['handover']['signSheet']
type Row = Sheet['rows'][number]

type Column = { header: string; cell: (row: Row, seq: number) => string; className?: string }

const PUBLIC_COLUMNS: Column[] = [
  { header: '序号', cell: (_, seq) => String(seq), className: 'sign-table__seq' },
  { header: '户主', cell: (r) => r.recipient },
  { header: '地址（组）', cell: (r) => r.place },
  { header: '物品', cell: (r) => r.item },
  { header: '数量', cell: (r) => (r.quantity === null ? '' : String(r.quantity)), className: 'sign-table__num' },
  { header: '单位', cell: (r) => r.unit ?? '' },
  { header: '金额（元）', cell: (r) => fenToYuanText(r.amountFen), className: 'sign-table__num' },
  { header: '发放日期', cell: (r) => r.handedOverOn },
  { header: '签收', cell: (r) => r.stateLabel },
]

const COLUMNS: Column[] = [
  ...PUBLIC_COLUMNS,
  { header: '签收方式', cell: (r) => r.confirmedHow ?? '' },
  { header: '签收时间', cell: (r) => r.confirmedAt ?? '' },
  { header: '签名', cell: () => '', className: 'sign-table__signature' },
]

const goodsText = (sheet: Sheet) => sheet.totals.goods.map((g) => `${g.item} ${g.quantity}${g.unit}`).join('、') || '无'

/** The form's 序号: its lines counted from 1. */
const numbered = (rows: Row[]) => rows.map((row, i) => ({ row, seq: i + 1 }))

export const SignSheet = ({ sheet }: { sheet: Sheet }) => {
  const columns = sheet.isPublic ? PUBLIC_COLUMNS : COLUMNS
  const amountAt = columns.findIndex((c) => c.header === '金额（元）')
  const { heading, totals } = sheet
  return (
    <View className="sign-sheet" data-testid="sign-sheet">
      <View className="sign-sheet__title">{heading.title}</View>
      <View className="sign-sheet__subtitle">
        {[
          heading.org ? `组织单位：${heading.org}` : '',
          heading.place ? `地点：${heading.place}` : '',
          `发放日期：${heading.period}`,
        ]
          .filter(Boolean)
          .join('　')}
      </View>
      <View className="sign-table-scroll">
        <View className="sign-table" role="table">
          <View className="sign-table__head" role="rowgroup">
            <View className="sign-table__row" role="row">
              {columns.map((c) => (
                <View key={c.header} className={`sign-table__cell ${c.className ?? ''}`} role="columnheader">
                  {c.header}
                </View>
              ))}
            </View>
          </View>
          <View className="sign-table__body" role="rowgroup">
            {numbered(sheet.rows).map(({ row, seq }) => (
              <View key={`${row.handoverId}-${seq}`} className="sign-table__row" role="row">
                {columns.map((c) => (
                  <View key={c.header} className={`sign-table__cell ${c.className ?? ''}`} role="cell">
                    {c.cell(row, seq)}
                  </View>
                ))}
              </View>
            ))}
            <View className="sign-table__row sign-table__total" role="row" data-testid="sign-sheet-total">
              {columns.map((c, i) => (
                <View key={c.header} className={`sign-table__cell ${c.className ?? ''}`} role="cell">
                  {i === 0 ? '合计' : i === amountAt ? fenToYuanText(totals.totalFen) : ''}
                </View>
              ))}
            </View>
          </View>
        </View>
      </View>
      {sheet.isTruncated ? (
        <View className="sign-sheet__note">{`仅列出前 ${sheet.rows.length} 行，共 ${totals.rowCount} 行；完整名单请导出 Excel。`}</View>
      ) : null}
      <View className="sign-sheet__note">
        {`其中慰问金 ${formatFen(totals.cashFen)}，物资 ${formatFen(totals.goodsValueFen)}（${goodsText(sheet)}）`}
      </View>
      <View className="sign-sheet__foot">
        {sheet.isPublic ? (
          <Text>公示期间如有异议，请向村委会反映。</Text>
        ) : (
          <>
            <Text>发放人：__________</Text>
            <Text>经办人：__________</Text>
            <Text>村委会（盖章）：__________</Text>
          </>
        )}
      </View>
    </View>
  )
}

/** The sheet for its filters, with its loading and error states and 打印. */
export const SignSheetView = ({ input }: { input: TSignSheetRequest }) => {
  const trpc = useTRPC()
  const query = useQuery(trpc.handover.signSheet.queryOptions(input))
  return (
    <QueryState query={query}>
      {(sheet) => (
        <View>
          <SignSheet sheet={sheet} />
          <View className="actions sign-sheet-actions">
            {canPrint ? (
              <Button type="primary" size="small" onClick={printPage}>
                打印
              </Button>
            ) : (
              <Text className="muted">请在电脑浏览器中打开本页打印，或导出 Excel</Text>
            )}
          </View>
        </View>
      )}
    </QueryState>
  )
}
