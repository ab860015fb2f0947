/** Bar chart of load per week before and after levelling (ECharts, lazy). */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Histogram; default export for React.lazy. */
export default function LoadHistogram({ weeks, before, after }: { weeks: string[]; before: number[]; after: number[] }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    chart.current = echarts.init(el.current, undefined, { renderer: 'canvas' });
    const ro = new ResizeObserver(() => chart.current?.resize());
    ro.observe(el.current);
    return () => { ro.disconnect(); chart.current?.dispose(); chart.current = null; };
  }, []);
  useEffect(() => {
    const css = getComputedStyle(document.documentElement);
    const v = (n: string) => css.getPropertyValue(n).trim();
    chart.current?.setOption({
      animation: false,
      textStyle: { color: v('--fg') },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: v('--fg') } },
      grid: { left: 50, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks.map((w) => w.slice(5)), axisLabel: { color: v('--fg-2') } },
      yAxis: { type: 'value', name: 'hours', axisLabel: { color: v('--fg-2') }, splitLine: { lineStyle: { color: v('--bg-3') } } },
      series: [
        { name: 'Before', type: 'bar', data: before, itemStyle: { color: '#9e9e9e' } },
        { name: 'After', type: 'bar', data: after, itemStyle: { color: v('--accent') || '#1976d2' } },
      ],
    }, true);
  }, [weeks, before, after]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} style={{ height: 240 }} role="img" aria-label="Load per week before and after levelling" data-testid="leveling-histogram" />
      <figcaption className="sr-only">{weeks.map((w, i) => `${w}: ${before[i]} h before, ${after[i]} h after`).join('; ')}</figcaption>
    </figure>
  );
}
