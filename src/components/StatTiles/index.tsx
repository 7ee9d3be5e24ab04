// The headline numbers of 工作台 and activity pages.
import { Text, View } from '@tarojs/components'
import './index.scss'

export type StatTile = { label: string; value: string; testId?: string }

export const StatTiles = ({ tiles }: { tiles: StatTile[] }) => (
  <View className="stat-tiles">
    {tiles.map((tile) => (
      <View key={tile.label} className="stat-tiles__tile" data-testid={tile.testId}>
        <Text className="stat-tiles__value money">{tile.value}</Text>
        <Text className="stat-tiles__label">{tile.label}</Text>
      </View>
    ))}
  </View>
)
