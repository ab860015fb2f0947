/// <reference lib="dom" />
/**
 * Checks that an ECharts chart was really drawn, not just that its container is in the page: the container
 * carries an ECharts instance and its main canvas has painted pixels (an instance without an option draws none).
 */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';

/** Painted (non-transparent) pixels on the chart's main canvas; 0 when there is no ECharts instance or canvas. */
export async function paintedPixels(chart: Locator): Promise<number> {
  return chart.evaluate((el) => {
    const canvas = el.querySelector('canvas');
    if (!el.hasAttribute('_echarts_instance_') || !canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
}

/** Waits until the chart has drawn more than a few axis ticks' worth of pixels. */
export async function expectChartDrawn(chart: Locator): Promise<void> {
  await chart.waitFor();
  await expect.poll(() => paintedPixels(chart), { timeout: 15_000 }).toBeGreaterThan(1000);
}

/** Width in CSS pixels of the chart's main canvas (it follows the container through the resize observer). */
export async function canvasWidth(chart: Locator): Promise<number> {
  return chart.evaluate((el) => el.querySelector('canvas')?.getBoundingClientRect().width ?? 0);
}

/** Pixels of the chart's main canvas within `tolerance` per channel of the colour `hex` (#rrggbb), opaque enough to be seen. */
export async function pixelsNear(chart: Locator, hex: string, tolerance = 10): Promise<number> {
  return chart.evaluate((el, [h, tol]) => {
    const canvas = el.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const want = [1, 3, 5].map((i) => parseInt((h as string).slice(i, i + 2), 16));
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! < 200) continue;
      if (Math.abs(data[i]! - want[0]!) <= (tol as number) && Math.abs(data[i + 1]! - want[1]!) <= (tol as number) && Math.abs(data[i + 2]! - want[2]!) <= (tol as number)) n++;
    }
    return n;
  }, [hex, tolerance] as const);
}
