// Our own ECharts build: only the bar and pie charts and the components the 统计 page uses, on
// the canvas renderer. This file is imported by the 统计 subpackage alone; importing it (or
// `echarts`) from a main-package page would put ~500 KB into the weapp main package.
import { BarChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { echarts }
