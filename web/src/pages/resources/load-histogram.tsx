/**
 * Load of one person or role pool per week before and after levelling, against capacity (ECharts, lazy): the
 * bars are the total load (these projects plus other projects), the step line the capacity, in person-days.
 */
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../ui/use-echart';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface LoadHistogramProps {
  name: string;
  weeks: string[];
  capacity: number[];
  other: number[];
  before: number[];
  after: number[];
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Histogram; default export for React.lazy. */
export default function LoadHistogram({ name, weeks, capacity, other, before, after }: LoadHistogramProps) {
  const totalBefore = useMemo(() => before.map((v, i) => round(v + (other[i] ?? 0))), [before, other]);
  const totalAfter = useMemo(() => after.map((v, i) => round(v + (other[i] ?? 0))), [after, other]);
  const el = useEChart((v) => ({
    animation: false,
    textStyle: { color: v('--fg') },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const i = items[0]?.dataIndex ?? 0;
        return `Week of ${weeks[i]}<br/>Capacity ${capacity[i]} d<br/>Other projects ${other[i]} d<br/>Before ${totalBefore[i]} d<br/>After ${totalAfter[i]} d`;
      },
    },
    legend: { top: 0, textStyle: { color: v('--fg') } },
    grid: { left: 50, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: weeks.map((w) => w.slice(5)), axisLabel: { color: v('--fg-2') } },
    yAxis: { type: 'value', name: 'person-days', axisLabel: { color: v('--fg-2') }, splitLine: { lineStyle: { color: v('--bg-3') } } },
    series: [
      { name: 'Before', type: 'bar', data: totalBefore, itemStyle: { color: '#9e9e9e' } },
      { name: 'After', type: 'bar', data: totalAfter, itemStyle: { color: v('--accent') || '#1976d2' } },
      { name: 'Capacity', type: 'line', step: 'middle', symbol: 'none', data: capacity, lineStyle: { color: '#c62828', type: 'dashed', width: 2 }, itemStyle: { color: '#c62828' } },
    ],
  }), [weeks, capacity, other, totalBefore, totalAfter]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} style={{ height: 260 }} role="img" aria-label={`Load of ${name} per week before and after levelling, against capacity`} data-testid="leveling-histogram" />
      <figcaption className="sr-only">{weeks.map((w, i) => `${w}: capacity ${capacity[i]} days, ${totalBefore[i]} days before, ${totalAfter[i]} days after (other projects ${other[i]})`).join('; ')}</figcaption>
    </figure>
  );
}
