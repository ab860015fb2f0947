/** ECharts charts of the financials tab (loaded lazily): budget vs actual vs forecast by month, and the EVM S-curve. */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart, type CssVar } from '../../ui/use-echart';
import type { Financials } from './finance-api';
import { formatMoney } from './finance-format';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One point of the S-curve (minor units; `ev`/`ac` null for future dates). */
export interface SCurvePoint { date: string; pv: number; ev: number | null; ac: number | null }

const axisStyle = (v: CssVar) => ({ axisLabel: { color: v('--fg-2') }, splitLine: { lineStyle: { color: v('--bg-3') } } });

/** Budget, actual and forecast per month as bars, cumulative budget and outlook as lines. */
export function BudgetChart({ data }: { data: Financials }) {
  const cur = data.currency;
  const el = useEChart((v) => ({
    animation: false,
    textStyle: { color: v('--fg') },
    tooltip: { trigger: 'axis', valueFormatter: (x: unknown) => formatMoney(Number(x) * 100, cur) },
    legend: { top: 0, textStyle: { color: v('--fg') } },
    grid: { left: 70, right: 70, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: data.months.map((m) => m.month), axisLabel: { color: v('--fg-2') } },
    yAxis: [{ type: 'value', name: 'per month', ...axisStyle(v) }, { type: 'value', name: 'cumulative', ...axisStyle(v) }],
    series: [
      { name: 'Budget', type: 'bar', data: data.months.map((m) => m.budgetMinor / 100), itemStyle: { color: v('--accent') } },
      { name: 'Actual', type: 'bar', data: data.months.map((m) => m.actualMinor / 100), itemStyle: { color: v('--rag-green') } },
      { name: 'Forecast', type: 'bar', data: data.months.map((m) => m.forecastMinor / 100), itemStyle: { color: v('--rag-amber') } },
      { name: 'Cumulative budget', type: 'line', yAxisIndex: 1, data: data.months.map((m) => m.cumulativeBudgetMinor / 100), lineStyle: { type: 'dashed' } },
      { name: 'Cumulative outlook', type: 'line', yAxisIndex: 1, data: data.months.map((m) => m.cumulativeOutlookMinor / 100) },
    ],
  }), [data]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} className="fin-chart" role="img" aria-label="Budget, actual and forecast by month" data-testid="budget-chart" />
      <figcaption className="sr-only">
        {data.months.map((m) => `${m.month}: budget ${formatMoney(m.budgetMinor, cur)}, actual ${formatMoney(m.actualMinor, cur)}, forecast ${formatMoney(m.forecastMinor, cur)}`).join('; ')}
      </figcaption>
    </figure>
  );
}

/** Cumulative PV, EV and AC over time (the EVM S-curve) on a time axis, with the BAC as a reference line. */
export function SCurveChart({ points, bac, currency }: { points: SCurvePoint[]; bac: number; currency: string }) {
  const el = useEChart((v) => ({
    animation: false,
    textStyle: { color: v('--fg') },
    tooltip: { trigger: 'axis', valueFormatter: (x: unknown) => (x === null || x === undefined ? '—' : formatMoney(Number(x) * 100, currency)) },
    legend: { top: 0, textStyle: { color: v('--fg') } },
    grid: { left: 70, right: 24, top: 40, bottom: 28 },
    xAxis: { type: 'time', axisLabel: { color: v('--fg-2') } },
    yAxis: { type: 'value', ...axisStyle(v) },
    series: [
      { name: 'Planned value (PV)', type: 'line', data: points.map((p) => [p.date, p.pv / 100]), itemStyle: { color: v('--accent') } },
      { name: 'Earned value (EV)', type: 'line', connectNulls: true, data: points.filter((p) => p.ev !== null).map((p) => [p.date, p.ev! / 100]), itemStyle: { color: v('--rag-green') } },
      { name: 'Actual cost (AC)', type: 'line', connectNulls: true, data: points.filter((p) => p.ac !== null).map((p) => [p.date, p.ac! / 100]), itemStyle: { color: v('--rag-red') } },
      { name: 'BAC', type: 'line', data: points.length ? [[points[0]!.date, bac / 100], [points[points.length - 1]!.date, bac / 100]] : [], lineStyle: { type: 'dotted' }, symbol: 'none', itemStyle: { color: v('--fg-2') } },
    ],
  }), [points, bac, currency]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} className="fin-chart" role="img" aria-label="Earned value S-curve" data-testid="s-curve-chart" />
      <figcaption className="sr-only">
        {points.map((p) => `${p.date}: PV ${formatMoney(p.pv, currency)}, EV ${formatMoney(p.ev, currency)}, AC ${formatMoney(p.ac, currency)}`).join('; ')}
      </figcaption>
    </figure>
  );
}
