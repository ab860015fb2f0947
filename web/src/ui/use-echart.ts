/**
 * The one ECharts lifecycle every chart shares: init on mount, resize with the container, dispose on unmount,
 * and setOption (replacing, not merging) whenever the deps change. Import it only from lazily loaded chart
 * modules: it pulls in echarts/core, which must stay out of the entry chunk. Each chart module still registers
 * its own parts with `echarts.use([...])` so tree-shaking keeps every lazy chunk to what it draws.
 */
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';
import { init, type ECElementEvent, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { onThemeChange } from './theme';

/** Reads a CSS custom property of the document (`--fg`, `--accent` ...), trimmed; '' when unset. */
export type CssVar = (name: string) => string;

/** Options of {@link useEChart}. */
export interface UseEChartOptions {
  /**
   * Called when a data item is clicked. The latest function is always the one called (no stale closure), but
   * whether a listener exists at all is decided at mount: pass it from the first render if the chart has one.
   */
  onClick?: (params: ECElementEvent) => void;
}

/**
 * Draws the option `buildOption` returns into the element the returned ref is attached to. `buildOption` is
 * given a reader of the theme's CSS variables, read afresh each time the deps change and each time the theme
 * changes (the toggle or the system preference), so colours follow the theme; it runs only after mount.
 */
export function useEChart(buildOption: (css: CssVar) => EChartsCoreOption, deps: DependencyList, options: UseEChartOptions = {}): RefObject<HTMLDivElement | null> {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const onClick = useRef(options.onClick);
  onClick.current = options.onClick;
  const build = useRef(buildOption);
  build.current = buildOption;
  const draw = useRef(() => {
    const css = getComputedStyle(document.documentElement);
    chart.current?.setOption(build.current((name) => css.getPropertyValue(name).trim()), true);
  });
  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    if (onClick.current) c.on('click', (p) => onClick.current?.(p as ECElementEvent));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    const stopTheme = onThemeChange(() => draw.current());
    return () => { stopTheme(); ro.disconnect(); c.dispose(); chart.current = null; };
  }, []);
  useEffect(() => {
    draw.current();
    // The caller's deps decide when the option is rebuilt, as with useMemo.
  }, deps);
  return el;
}
