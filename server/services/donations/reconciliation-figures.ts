// The arithmetic of 对账: received, handed over and balance, in fen and per goods item, added up
// over donations for an activity, a village or a donor.

export type ItemFigure = { item: string; unit: string; quantity: number; valueFen: number }
export type Figures = { cashFen: number; goodsValueFen: number; totalFen: number; goods: ItemFigure[] }

export const NO_FIGURES: Figures = { cashFen: 0, goodsValueFen: 0, totalFen: 0, goods: [] }

const itemKey = (g: Pick<ItemFigure, 'item' | 'unit'>) => `${g.item}\u0000${g.unit}`

const combineGoods = (a: ItemFigure[], b: ItemFigure[], sign: 1 | -1): ItemFigure[] => {
  const byKey = new Map(a.map((g) => [itemKey(g), { ...g }]))
  for (const g of b) {
    const held = byKey.get(itemKey(g)) ?? { item: g.item, unit: g.unit, quantity: 0, valueFen: 0 }
    held.quantity += sign * g.quantity
    held.valueFen += sign * g.valueFen
    byKey.set(itemKey(g), held)
  }
  return [...byKey.values()]
}

const combine = (a: Figures, b: Figures, sign: 1 | -1): Figures => ({
  cashFen: a.cashFen + sign * b.cashFen,
  goodsValueFen: a.goodsValueFen + sign * b.goodsValueFen,
  totalFen: a.totalFen + sign * b.totalFen,
  goods: combineGoods(a.goods, b.goods, sign),
})

export const addFigures = (a: Figures, b: Figures): Figures => combine(a, b, 1)
export const subtractFigures = (a: Figures, b: Figures): Figures => combine(a, b, -1)

export const cashFigures = (cashFen: number): Figures => ({ ...NO_FIGURES, cashFen, totalFen: cashFen })

export const goodsFigures = (goods: ItemFigure[]): Figures => {
  const goodsValueFen = goods.reduce((sum, g) => sum + g.valueFen, 0)
  return { cashFen: 0, goodsValueFen, totalFen: goodsValueFen, goods: combineGoods([], goods, 1) }
}

/** The sum of many figures, the goods of all of them gathered in one pass. */
export const sumFigures = (all: Figures[]): Figures => {
  const goods = new Map<string, ItemFigure>()
  let cashFen = 0
  let goodsValueFen = 0
  for (const f of all) {
    cashFen += f.cashFen
    goodsValueFen += f.goodsValueFen
    for (const g of f.goods) {
      const held = goods.get(itemKey(g))
      if (held) {
        held.quantity += g.quantity
        held.valueFen += g.valueFen
      } else goods.set(itemKey(g), { ...g })
    }
  }
  return { cashFen, goodsValueFen, totalFen: cashFen + goodsValueFen, goods: [...goods.values()] }
}
