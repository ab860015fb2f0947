/** Probability x impact heat map (ECharts heatmap, loaded lazily) with a text alternative. */
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../ui/use-echart';
import type { HeatMap } from './risk-queries';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const RATING_COLORS: Record<string, string> = { low: '#3a9d5d', medium: '#e0b43a', high: '#e07b39', critical: '#c8373b' };

/** Total risks on the map (exported for tests). */
export function heatMapTotal(map: Pick<HeatMap, 'cells'>): number {
  return map.cells.reduce((s, c) => s + c.count, 0);
}

/** The chart (default export for React.lazy). */
export default function RiskHeatMap({ map, label = 'Risk heat map' }: { map: HeatMap; label?: string }) {
  const el = useEChart((css) => {
    const fg = css('--fg') || '#222';
    const impacts = Array.from({ length: map.impactLevels }, (_, i) => `I${i + 1}`);
    const probs = Array.from({ length: map.probabilityLevels }, (_, i) => `P${i + 1}`);
    return {
      animation: false,
      textStyle: { color: fg },
      tooltip: { formatter: (p: { data: [number, number, number, string] }) => `P${p.data[1] + 1} × I${p.data[0] + 1}: ${p.data[2]} risk(s), ${p.data[3]}` },
      grid: { left: 48, right: 16, top: 16, bottom: 40 },
      xAxis: { type: 'category', data: impacts, name: 'Impact', nameLocation: 'middle', nameGap: 26, axisLabel: { color: fg } },
      yAxis: { type: 'category', data: probs, name: 'Probability', nameLocation: 'middle', nameGap: 32, axisLabel: { color: fg } },
      series: [{
        type: 'heatmap',
        data: map.cells.map((c) => ({ value: [c.impactLevel - 1, c.probabilityLevel - 1, c.count, c.rating], itemStyle: { color: RATING_COLORS[c.rating] ?? '#888', opacity: c.count ? 1 : 0.35 } })),
        label: { show: true, color: '#fff', formatter: (p: { data: { value: [number, number, number] } }) => (p.data.value[2] ? String(p.data.value[2]) : '') },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
      }],
    };
  }, [map]);
  const nonEmpty = map.cells.filter((c) => c.count > 0);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} style={{ height: 280, maxWidth: 520 }} role="img" aria-label={label} data-testid="risk-heatmap" data-total={heatMapTotal(map)} />
      <figcaption className="sr-only">
        {nonEmpty.length ? nonEmpty.map((c) => `Probability ${c.probabilityLevel}, impact ${c.impactLevel}: ${c.count} ${c.rating}`).join('; ') : 'No open risks'}
      </figcaption>
    </figure>
  );
}
