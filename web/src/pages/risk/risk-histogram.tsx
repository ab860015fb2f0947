/** Histogram of simulated finish dates with P50 and P80 marked (ECharts, loaded lazily). */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../ui/use-echart';
import type { MonteCarlo } from './risk-queries';

echarts.use([BarChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** The chart (default export for React.lazy). */
export default function RiskHistogram({ result }: { result: MonteCarlo }) {
  const el = useEChart((css) => {
    const fg = css('--fg') || '#222';
    const labels = result.histogram.map((b) => b.toDate);
    const binOf = (date: string) => Math.max(0, labels.findIndex((d) => d >= date));
    return {
      animation: false,
      textStyle: { color: fg },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: labels, axisLabel: { color: fg, rotate: 40 } },
      yAxis: { type: 'value', name: 'Iterations', axisLabel: { color: fg } },
      series: [{
        type: 'bar',
        data: result.histogram.map((b) => b.count),
        itemStyle: { color: '#4a78c2' },
        markLine: { symbol: 'none', label: { formatter: '{b}' }, data: [{ name: `P50 ${result.p50}`, xAxis: binOf(result.p50) }, { name: `P80 ${result.p80}`, xAxis: binOf(result.p80) }] },
      }],
    };
  }, [result]);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} style={{ height: 300 }} role="img" aria-label="Distribution of simulated finish dates" data-testid="mc-histogram" />
      <figcaption className="sr-only">{result.histogram.map((b) => `${b.fromDate} to ${b.toDate}: ${b.count}`).join('; ')}</figcaption>
    </figure>
  );
}
