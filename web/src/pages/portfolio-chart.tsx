/** Projects by stage, stacked by health (ECharts, loaded lazily with only the parts used). */
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../ui/use-echart';
import { HEALTHS, STAGES, type Project } from '../api/types';
import { labelOf } from './labels';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Counts projects per stage and health: counts[health][stageIndex]. Exported for tests. */
export function countByStageHealth(projects: Pick<Project, 'stage' | 'health'>[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const h of HEALTHS) out[h] = STAGES.map(() => 0);
  for (const p of projects) {
    const i = STAGES.indexOf(p.stage);
    if (i >= 0 && out[p.health]) out[p.health]![i]!++;
  }
  return out;
}

/** The chart component (default export for React.lazy). */
export default function PortfolioChart({ projects }: { projects: Project[] }) {
  const el = useEChart((v) => {
    const counts = countByStageHealth(projects);
    return {
      animation: false,
      textStyle: { color: v('--fg') },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: v('--fg') } },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: STAGES.map(labelOf), axisLabel: { color: v('--fg-2') } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: v('--fg-2') }, splitLine: { lineStyle: { color: v('--bg-3') } } },
      series: HEALTHS.map((h) => ({ name: labelOf(h), type: 'bar', stack: 'h', data: counts[h], itemStyle: { color: v(`--rag-${h}`) } })),
    };
  }, [projects]);
  const counts = countByStageHealth(projects);
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} style={{ height: 220 }} role="img" aria-label="Projects by stage and health" data-testid="portfolio-chart" />
      <figcaption className="sr-only">
        {STAGES.map((s, i) => `${labelOf(s)}: ${HEALTHS.map((h) => `${counts[h]![i]} ${h}`).join(', ')}`).join('; ')}
      </figcaption>
    </figure>
  );
}
