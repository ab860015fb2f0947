/** Monte Carlo charts: finish-date S-curve, tornado of schedule drivers, cost S-curve (ECharts, loaded lazily). */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart, type CssVar } from '../../ui/use-echart';
import { formatCents, type MonteCarlo } from './risk-queries';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The risk charts' foreground colour: the theme's --fg, or a dark grey when the stylesheet has none. */
const withFg = (build: (fg: string) => echarts.EChartsCoreOption) => (css: CssVar) => build(css('--fg') || '#222');

/** Tornado rows: tasks by absolute sensitivity, largest on top (exported for tests). */
export function tornadoRows(r: Pick<MonteCarlo, 'tornado'>): Array<{ name: string; sensitivity: number; criticality: number }> {
  return [...r.tornado].sort((a, b) => Math.abs(b.sensitivity) - Math.abs(a.sensitivity)).map((t) => ({ name: t.taskName, sensitivity: t.sensitivity, criticality: t.criticalityIndex }));
}

/** The charts (default export for React.lazy). */
export default function MonteCarloCharts({ result }: { result: MonteCarlo }) {
  const sCurve = useEChart(withFg((fg) => ({
    animation: false,
    textStyle: { color: fg },
    tooltip: { trigger: 'axis', formatter: (p: Array<{ data: [string, number] }>) => `${p[0]!.data[1]} % by ${p[0]!.data[0]}` },
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: result.sCurve.map((x) => x.date), axisLabel: { color: fg, rotate: 40 } },
    yAxis: { type: 'value', name: 'Probability %', min: 0, max: 100, axisLabel: { color: fg } },
    series: [{ type: 'line', step: 'end', showSymbol: false, data: result.sCurve.map((x) => [x.date, Math.round(x.probability * 100)]), itemStyle: { color: '#4a78c2' } }],
  })), [result]);
  const rows = tornadoRows(result).slice(0, 12).reverse();
  const tornado = useEChart(withFg((fg) => ({
    animation: false,
    textStyle: { color: fg },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 160, right: 24, top: 8, bottom: 32 },
    xAxis: { type: 'value', min: -1, max: 1, name: 'Rank correlation with the finish', nameLocation: 'middle', nameGap: 22, axisLabel: { color: fg } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { color: fg, width: 150, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((r) => ({ value: Number(r.sensitivity.toFixed(3)), itemStyle: { color: r.sensitivity >= 0 ? '#c8373b' : '#3a9d5d' } })) }],
  })), [result]);
  const cost = useEChart(withFg((fg) => ({
    animation: false,
    textStyle: { color: fg },
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'value', name: 'Probability %', min: 0, max: 100, axisLabel: { color: fg } },
    yAxis: { type: 'value', name: 'Cost', axisLabel: { color: fg, formatter: (v: number) => formatCents(v) } },
    series: [{ type: 'line', showSymbol: false, data: result.cost.sCurve.map((x) => [Math.round(x.probability * 100), x.cents]), itemStyle: { color: '#e07b39' } }],
  })), [result]);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 16 }}>
      <figure style={{ margin: 0 }}><figcaption><strong>Finish date S-curve</strong> <span className="muted">(probability of finishing by each date)</span></figcaption>
        <div ref={sCurve} data-testid="mc-s-curve" role="img" aria-label={`S-curve: 50 % by ${result.p50}, 80 % by ${result.p80}`} style={{ height: 280 }} /></figure>
      <figure style={{ margin: 0 }}><figcaption><strong>Tornado</strong> <span className="muted">(tasks that drive the finish)</span></figcaption>
        <div ref={tornado} data-testid="mc-tornado" role="img" aria-label={`Tornado: ${rows.slice(-3).reverse().map((r) => r.name).join(', ')} drive the finish most`} style={{ height: 280 }} /></figure>
      <figure style={{ margin: 0 }}><figcaption><strong>Cost S-curve</strong> <span className="muted">(cost at each confidence level)</span></figcaption>
        <div ref={cost} data-testid="mc-cost-curve" role="img" aria-label={`Cost: P50 ${formatCents(result.cost.p50Cents)}, P80 ${formatCents(result.cost.p80Cents)}`} style={{ height: 280 }} /></figure>
    </div>
  );
}
