// 我的诉求: a resident's needs for their household, and the way to submit one.
import { Button, Cell } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { shanghaiDate } from '../../common/dates'
import { NEED_CATEGORY_LABELS } from '../../common/enums'
import { ListState } from '../components/ListState'
import { NeedStatusTag } from '../components/NeedStatusTag'
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
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: routes.submitNeed() })}>
          提交诉求
        </Button>
      </View>
      {list.items.length ? (
        <View className="section">
          {list.items.map((n) => (
            <Cell
              key={n.id}
              title={n.description}
              description={`${NEED_CATEGORY_LABELS[n.category]} · ${shanghaiDate(n.createdAt)}`}
              extra={<NeedStatusTag status={n.status} />}
              onClick={() => void Taro.navigateTo({ url: routes.myNeedDetail(n.id) })}
            />
          ))}
        </View>
      ) : null}
      <ListState
        isLoading={list.isLoading}
        error={list.error}
        isEmpty={!list.items.length}
        emptyText="还没有提交过诉求。有困难请点上方“提交诉求”，村干部会尽快办理"
        onRetry={() => void list.refetch()}
        footer={list.footer}
      />
    </View>
  )
}

/** A WeChat user not yet bound to a household is asked to bind first. */
export const MyNeeds = ({ isBound }: { isBound: boolean }) =>
  isBound ? (
    <ResidentNeeds />
  ) : (
    <View className="section list-state">
      <View>绑定家庭户后，可以提交诉求并查看办理进度。</View>
      <View className="actions">
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: routes.bindHousehold })}>
          绑定我的家庭户
        </Button>
      </View>
    </View>
  )
