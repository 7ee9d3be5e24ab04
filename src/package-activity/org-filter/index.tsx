// 按组织筛选: any org that holds 主题党日 (a branch, a general branch, a committee), found by part of
// its name, for the 主题党日 list's filter; the choice goes back to the list (lib/org-filter.ts).
import Taro from '@tarojs/taro'
import { OrgPicker } from '../../components/OrgPicker'
import { PageShell } from '../../components/PageShell'
import { handBackOrgFilter } from '../../lib/org-filter'
import { PARTY_ORG_KINDS } from '../../lib/pickers/use-org-picker'

export default function OrgFilterPage() {
  return (
    <PageShell>
      <OrgPicker
        kinds={PARTY_ORG_KINDS}
        value={null}
        onChange={(id, org) => handBackOrgFilter({ id, name: org.title })}
        startsOpen
        // The picker closes after a choice as after 收起: either way, back to the list.
        onClose={() => void Taro.navigateBack()}
        prompt="搜索选择组织"
        testId="filter-org-picker"
      />
    </PageShell>
  )
}
