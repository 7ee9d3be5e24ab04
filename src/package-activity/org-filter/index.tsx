// 按组织筛选: an org found by part of its name, for a list's filter; the choice goes back to the
// list (lib/org-filter.ts). The 主题党日 list offers the orgs that hold 主题党日 (a branch, a general
// branch, a committee); 人员与账号 the orgs whose people the person manages (his subtree).
import Taro, { useRouter } from '@tarojs/taro'
import { OrgPicker } from '../../components/OrgPicker'
import { PageShell } from '../../components/PageShell'
import { handBackOrgFilter, type OrgFilterPurpose } from '../../lib/org-filter'
import { PARTY_ORG_KINDS } from '../../lib/pickers/use-org-picker'

export default function OrgFilterPage() {
  const purpose: OrgFilterPurpose = useRouter().params.for === 'people' ? 'people' : 'activities'
  return (
    <PageShell>
      <OrgPicker
        {...(purpose === 'people' ? { isOrganisable: true } : { kinds: PARTY_ORG_KINDS })}
        value={null}
        onChange={(id, org) => handBackOrgFilter(purpose, { id, name: org.title })}
        startsOpen
        // The picker closes after a choice as after 收起: either way, back to the list.
        onClose={() => void Taro.navigateBack()}
        prompt="搜索选择组织"
        testId="filter-org-picker"
      />
    </PageShell>
  )
}
