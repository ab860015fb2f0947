/** Efficient frontier: best objective value per budget level (ECharts, loaded lazily). */
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../ui/use-echart';
import { formatMoney, type Frontier } from './strategy-api';

echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** The chart (default export for React.lazy); infeasible budget levels are gaps. */
export default function FrontierChart({ points }: { points: Frontier['points'] }) {
  const el = useEChart((v) => ({
    animation: false,
    textStyle: { color: v('--fg') },
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'category', name: 'Budget', nameLocation: 'middle', nameGap: 26, data: points.map((p) => formatMoney(p.budgetCents)), axisLabel: { color: v('--fg-2') } },
    yAxis: { type: 'value', axisLabel: { color: v('--fg-2') }, splitLine: { lineStyle: { color: v('--bg-3') } } },
    series: [{ name: 'Best value', type: 'line', step: 'end', data: points.map((p) => p.objectiveValue), itemStyle: { color: v('--accent') } }],
  }), [points]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} style={{ height: 260 }} role="img" aria-label="Efficient frontier: best value per budget" data-testid="frontier-chart" />
      <figcaption className="sr-only">{points.map((p) => `budget ${formatMoney(p.budgetCents)}: ${p.objectiveValue === null ? 'infeasible' : p.objectiveValue.toFixed(1)}`).join('; ')}</figcaption>
    </figure>
  );
}
