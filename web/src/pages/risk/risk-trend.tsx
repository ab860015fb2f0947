/** Exposure trend: net exposure and counted risks per snapshot day (ECharts line chart, loaded lazily) with a table alternative. */
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../ui/use-echart';
import { formatCents, type Trend } from './risk-queries';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The chart (default export for React.lazy). */
export default function RiskTrend({ trend }: { trend: Trend }) {
  const el = useEChart((css) => {
    const fg = css('--fg') || '#222';
    const days = trend.points.map((p) => p.asOf);
    return {
      animation: false,
      textStyle: { color: fg },
      tooltip: { trigger: 'axis' },
      legend: { textStyle: { color: fg } },
      grid: { left: 72, right: 56, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: days, axisLabel: { color: fg } },
      yAxis: [
        { type: 'value', name: 'Net exposure', axisLabel: { color: fg, formatter: (v: number) => formatCents(v) } },
        { type: 'value', name: 'Risks', axisLabel: { color: fg }, splitLine: { show: false } },
      ],
      series: [
        { name: 'Net exposure', type: 'line', data: trend.points.map((p) => p.netExposureCents), itemStyle: { color: '#c8373b' }, showSymbol: days.length < 60 },
        { name: 'Threat EMV', type: 'line', data: trend.points.map((p) => p.threatEmvCents), itemStyle: { color: '#e07b39' }, lineStyle: { type: 'dashed' }, showSymbol: false },
        { name: 'Open risks counted', type: 'line', yAxisIndex: 1, data: trend.points.map((p) => p.countedCount), itemStyle: { color: '#4a78c2' }, showSymbol: false },
      ],
    };
  }, [trend]);
  const last = trend.points.at(-1);
  const first = trend.points[0];
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} data-testid="risk-trend" data-points={trend.points.length} style={{ height: 260 }} role="img" aria-label={`Exposure trend over ${trend.points.length} snapshot day(s)`} />
      <figcaption className="muted">
        {last ? `Net exposure ${formatCents(last.netExposureCents)} on ${last.asOf}${first && first !== last ? ` (${formatCents(first.netExposureCents)} on ${first.asOf})` : ''}; one snapshot per day.` : 'No snapshots yet.'}
      </figcaption>
    </figure>
  );
}
