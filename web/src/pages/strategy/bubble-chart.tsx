/** Proposals as bubbles: value (score) across, risk up, cost as the bubble's area; funded ones in the accent colour (ECharts, lazy). */
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../ui/use-echart';
import { formatMoney, type Proposal } from './strategy-api';

echarts.use([ScatterChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Bubble radius in pixels for a cost: area proportional to cost, 8..48 px across the portfolio. Exported for tests. */
export function bubbleSize(costCents: number, maxCostCents: number): number {
  if (!(maxCostCents > 0)) return 12;
  return 8 + 40 * Math.sqrt(Math.max(0, costCents) / maxCostCents);
}

/** The chart (default export for React.lazy); proposals without a score or a risk are listed below it, not plotted. */
export default function BubbleChart({ proposals, funded }: { proposals: Proposal[]; funded: Set<string> }) {
  const plotted = proposals.filter((p) => p.score !== null && p.risk !== null);
  const missing = proposals.filter((p) => p.score === null || p.risk === null);
  const el = useEChart((v) => {
    const max = Math.max(0, ...plotted.map((p) => p.totalCostCents));
    const point = (p: Proposal) => ({ value: [p.score, (p.risk ?? 0) * 100, p.totalCostCents], name: p.name, symbolSize: bubbleSize(p.totalCostCents, max) });
    return {
      animation: false,
      textStyle: { color: v('--fg') },
      legend: { top: 0, textStyle: { color: v('--fg') } },
      tooltip: { formatter: (x: { name: string; value: number[] }) => `${x.name}<br/>score ${x.value[0]!.toFixed(1)}, risk ${x.value[1]!.toFixed(0)} %, cost ${formatMoney(x.value[2]!)}` },
      grid: { left: 56, right: 24, top: 36, bottom: 44 },
      xAxis: { type: 'value', name: 'Value (score)', nameLocation: 'middle', nameGap: 28, axisLabel: { color: v('--fg-2') }, splitLine: { lineStyle: { color: v('--bg-3') } } },
      yAxis: { type: 'value', name: 'Risk (%)', min: 0, max: 100, axisLabel: { color: v('--fg-2') }, splitLine: { lineStyle: { color: v('--bg-3') } } },
      series: [
        { name: 'Funded', type: 'scatter', data: plotted.filter((p) => funded.has(p.id)).map(point), itemStyle: { color: v('--accent'), opacity: 0.75 }, label: { show: true, formatter: '{b}', position: 'top', color: v('--fg') } },
        { name: 'Not funded', type: 'scatter', data: plotted.filter((p) => !funded.has(p.id)).map(point), itemStyle: { color: v('--fg-2'), opacity: 0.5 }, label: { show: true, formatter: '{b}', position: 'top', color: v('--fg-2') } },
      ],
    };
  }, [plotted, funded]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} style={{ height: 340 }} role="img" aria-label="Proposals by value, risk and cost" data-testid="bubble-chart" />
      <figcaption>
        <span className="sr-only">{plotted.map((p) => `${p.name}: score ${p.score!.toFixed(1)}, risk ${((p.risk ?? 0) * 100).toFixed(0)} %, cost ${formatMoney(p.totalCostCents)}${funded.has(p.id) ? ', funded' : ''}`).join('; ')}</span>
        <span className="muted">Bubble area is the cost. Risk comes from the scorers' answers on lower-is-better criteria, or else from the benefits' probabilities.{missing.length ? ` Not plotted (no score or no risk yet): ${missing.map((p) => p.name).join(', ')}.` : ''}</span>
      </figcaption>
    </figure>
  );
}
