/** The capacity heatmap chart: rows (people, roles, teams, skills) x periods, coloured by utilisation (ECharts, lazy). */
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../ui/use-echart';

echarts.use([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, DataZoomComponent, CanvasRenderer]);

export interface HeatmapRow {
  id: string;
  name: string;
  capacityMinutes: number[];
  demandMinutes: number[];
  utilisation: (number | null)[];
  overMinutes: number[];
  freeMinutes: number[];
}

const ROW_PX = 22;

/** Heatmap; `onCell(rowIndex, weekIndex)` fires when a cell is clicked. Default export for React.lazy. */
export default function CapacityHeatmap({ rows, labels, titles, onCell }: { rows: HeatmapRow[]; labels: string[]; titles: string[]; onCell: (row: number, period: number) => void }) {
  const el = useEChart((v) => {
    const data: [number, number, number][] = [];
    rows.forEach((r, y) => r.utilisation.forEach((u, x) => data.push([x, y, u === null ? -1 : Math.round(u * 100)])));
    return {
      animation: false,
      textStyle: { color: v('--fg') },
      tooltip: {
        formatter: (p: { value: [number, number, number] }) => {
          const [x, y] = p.value;
          const r = rows[y]!;
          const h = (m: number) => (m / 60).toFixed(1);
          const over = r.overMinutes[x]! > 0 ? `<br/>over-allocated by ${h(r.overMinutes[x]!)} h` : `<br/>free ${h(r.freeMinutes[x]!)} h`;
          return `${r.name}<br/>${titles[x]}<br/>demand ${h(r.demandMinutes[x]!)} h / capacity ${h(r.capacityMinutes[x]!)} h` + (r.utilisation[x] === null ? '' : ` (${Math.round(r.utilisation[x]! * 100)} %)`) + over;
        },
      },
      grid: { left: 160, right: 130, top: 10, bottom: 40 },
      xAxis: { type: 'category', data: labels, axisLabel: { color: v('--fg-2') }, splitArea: { show: true } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { color: v('--fg-2'), width: 150, overflow: 'truncate' } },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        right: 0,
        top: 'middle',
        textStyle: { color: v('--fg') },
        pieces: [
          { value: -1, label: 'no capacity', color: '#9e9e9e' },
          { min: 0, max: 69, label: '< 70 %', color: '#c6e6f5' },
          { min: 70, max: 100, label: '70-100 %', color: '#4caf50' },
          { min: 101, max: 130, label: '101-130 %', color: '#ff9800' },
          { min: 131, label: '> 130 %', color: '#d32f2f' },
        ],
      },
      series: [{ type: 'heatmap', data, progressive: 5000, emphasis: { itemStyle: { borderColor: v('--fg'), borderWidth: 1 } } }],
    };
  }, [rows, labels, titles], {
    onClick: (p) => {
      const v = p.value as [number, number, number] | undefined;
      if (v) onCell(v[1], v[0]);
    },
  });
  return <div ref={el} style={{ height: Math.max(160, rows.length * ROW_PX + 60) }} role="img" aria-label="Capacity heatmap: utilisation per row and period" data-testid="capacity-heatmap" />;
}
