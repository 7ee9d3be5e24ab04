// 我的诉求: a resident's needs for their household, and the way to submit one.
import { Cell } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { shanghaiDate } from '../../common/dates'
import { NEED_CATEGORY_LABELS } from '../../common/enums'
import { BindHouseholdPrompt } from '../components/BindHouseholdPrompt'
import { NavButton } from '../components/NavButton'
import { NeedStatusTag } from '../components/NeedStatusTag'
import { PagedList } from '../components/PagedList'
import { routes } from '../lib/routes'
import { useTRPC } from '../lib/trpc'
import { usePagedList } from '../lib/use-paged-list'

const ResidentNeeds = () => {
  const trpc = useTRPC()
  const list = usePagedList(
    trpc.resident.myNeeds.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (page) => page.nextCursor }),
  )
  return (
    <View>
      <View className="actions">
        <NavButton url={routes.submitNeed()} type="primary" block>
          提交诉求
        </NavButton>
      </View>
      <PagedList list={list} emptyText="还没有提交过诉求。有困难请点上方“提交诉求”，村干部会尽快办理">
        {list.items.map((n) => (
          <Cell
            key={n.id}
            title={n.description}
            description={`${NEED_CATEGORY_LABELS[n.category]} · ${shanghaiDate(n.createdAt)}`}
            extra={<NeedStatusTag status={n.status} />}
            onClick={() => void Taro.navigateTo({ url: routes.myNeedDetail(n.id) })}
          />
        ))}
      </PagedList>
    </View>
  )
}

/** A WeChat user not yet bound to a household is asked to bind first. */
export const MyNeeds = ({ isBound }: { isBound: boolean }) =>
  isBound ? <ResidentNeeds /> : <BindHouseholdPrompt reason="绑定家庭户后，可以提交诉求并查看办理进度。" />
