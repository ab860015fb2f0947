/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Web app benchmark: initial JS size (gzip), Gantt with 10,000 synthetic tasks (first render, scroll fps)
 * and the portfolio overview with 2,000 projects (mocked API in the browser).
 * `npm run bench -- web [--json FILE] [--tasks 10000] [--projects 2000] [--scroll-ms 4000] [--repeat 3]`
 * With `--url http://host:port --user NAME --password PW` the overview is measured against that running server
 * (e.g. one loaded with `pmo seed demo --scale large`) instead of the mocked API.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import type { BenchArgs, BenchResult } from './lib.js';
import { browserAvailable, launchBrowser } from '../test/e2e/browser.js';
import { serveStatic } from '../test/e2e/static-server.js';
import { mockApi } from '../test/e2e/mock-api.js';

const root = process.cwd();
const configFile = resolve(root, 'vite.config.ts');

/** Gzip size (KB) of the JS that index.html loads up front: entry scripts and modulepreloads. */
export function initialJsKbGz(distDir: string): { kb: number; files: string[] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]!);
  let bytes = 0;
  for (const ref of refs) bytes += gzipSync(readFileSync(join(distDir, ref.replace(/^\//, '')))).length;
  return { kb: bytes / 1024, files: refs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs the benchmark. */
export async function run(args: BenchArgs): Promise<BenchResult> {
  const nTasks = args.number('tasks', 10000);
  const nProjects = args.number('projects', 2000);
  const scrollMs = args.number('scroll-ms', 4000);
  const repeat = args.number('repeat', 3);

  await build({ configFile, logLevel: 'warn' });
  const dist = resolve(root, 'web/dist');
  const initial = initialJsKbGz(dist);
  const harnessDir = mkdtempSync(join(tmpdir(), 'pmo-gantt-bench-'));
  await build({ configFile, logLevel: 'warn', build: { outDir: harnessDir, emptyOutDir: true, rollupOptions: { input: resolve(root, 'web/gantt-bench.html') } } });

  const figures: Record<string, unknown> = { bundleInitialKBgz: Math.round(initial.kb * 10) / 10 };
  const rows: Record<string, string | number>[] = [{ metric: 'bundleInitialKBgz', value: figures.bundleInitialKBgz as number, target: '< 400' }];
  if (!browserAvailable()) {
    rmSync(harnessDir, { recursive: true, force: true });
    return { tables: [{ title: 'web (browser figures skipped: no Chromium)', rows }], figures };
  }
  const browser = await launchBrowser();
  const app = await serveStatic(dist);
  const harness = await serveStatic(harnessDir);
  const raw: Record<string, unknown> = { initialFiles: initial.files };
  try {
    // Gantt: first render and scrolling.
    const renders: number[] = [], fpsRuns: { fps: number; p95FrameMs: number; maxFrameMs: number; busyMsPerFrame: number }[] = [];
    for (let i = 0; i < repeat; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${harness.url}/gantt-bench.html?n=${nTasks}`);
      await page.waitForFunction(() => (window as unknown as { __ganttReady?: unknown }).__ganttReady, undefined, { timeout: 60_000 });
      const ready = await page.evaluate(() => (window as unknown as { __ganttReady: { firstRenderMs: number } }).__ganttReady);
      renders.push(ready.firstRenderMs);
      // Main-thread busy time per frame (CDP Performance metrics): less sensitive to other processes than fps.
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Performance.enable');
      const metric = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }).metrics.map((m) => [m.name, m.value]));
      const m0 = await metric();
      const fps = await page.evaluate((ms) => (window as unknown as { __scrollBench: (d: number) => Promise<{ fps: number; frames: number; p95FrameMs: number; maxFrameMs: number }> }).__scrollBench(ms), scrollMs);
      const m1 = await metric();
      const busyMsPerFrame = (((m1.TaskDuration ?? 0) - (m0.TaskDuration ?? 0)) * 1000) / Math.max(1, fps.frames);
      fpsRuns.push({ ...fps, busyMsPerFrame });
      await ctx.close();
    }
    figures.gantt10kFirstRenderMs = Math.round(median(renders));
    figures.gantt10kFps = Math.round(median(fpsRuns.map((f) => f.fps)) * 10) / 10;
    raw.gantt = { tasks: nTasks, firstRenderMs: renders, scroll: fpsRuns };
    rows.push({ metric: 'gantt10kFirstRenderMs', value: figures.gantt10kFirstRenderMs as number, target: '< 1000' });
    rows.push({ metric: 'gantt10kFps', value: figures.gantt10kFps as number, target: '>= 50' });
    rows.push({ metric: 'gantt10k p95 frame ms', value: Math.round(median(fpsRuns.map((f) => f.p95FrameMs)) * 10) / 10, target: '' });
    figures.gantt10kBusyMsPerFrame = Math.round(median(fpsRuns.map((f) => f.busyMsPerFrame)) * 100) / 100;
    rows.push({ metric: 'gantt10k main-thread ms/frame', value: figures.gantt10kBusyMsPerFrame as number, target: '< 16.7' });

    // Overview with N projects (API mocked in the browser; the real build of the app).
    const realUrl = args.get('url');
    let shown = 0;
    const overview: number[] = [], sorts: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
      const page = await ctx.newPage();
      let base = app.url;
      if (realUrl) {
        base = realUrl;
        const res = await ctx.request.post(`${realUrl}/api/v1/auth/login`, { data: { username: args.get('user') ?? 'admin', password: args.get('password') ?? '' } });
        if (!res.ok()) throw new Error(`login to ${realUrl} failed: ${res.status()} ${await res.text()}`);
      } else {
        await mockApi(page, nProjects);
      }
      await page.goto(`${base}/portfolio`);
      // Interactive with all N projects: the count shows N and the table has rows.
      await page.waitForFunction((n) => document.querySelector('[data-testid="project-count"]')?.textContent === String(n) && document.querySelectorAll('.dt-body .dt-row').length > 0, nProjects, { timeout: 120_000 });
      shown = Number(await page.getByTestId('project-count').textContent());
      overview.push(await page.evaluate(() => performance.now()));
      const t = await page.evaluate(async () => {
        const btn = [...document.querySelectorAll<HTMLButtonElement>('[role="columnheader"] button')].find((b) => b.textContent?.startsWith('Project'))!;
        const t0 = performance.now();
        btn.click();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      });
      sorts.push(t);
      await ctx.close();
    }
    figures.overview2000Ms = Math.round(median(overview));
    figures.overviewProjects = shown;
    figures.overviewDataSource = realUrl ? `real server ${realUrl}` : 'mocked API (page.route) with synthetic projects';
    raw.overview = { projects: shown, interactiveMs: overview, sortMs: sorts };
    rows.push({ metric: 'overview2000Ms', value: figures.overview2000Ms as number, target: '< 1500' });
    rows.push({ metric: 'overview sort ms', value: Math.round(median(sorts)), target: '' });
  } finally {
    await browser.close();
    await app.close();
    await harness.close();
    rmSync(harnessDir, { recursive: true, force: true });
  }
  return { tables: [{ title: 'web', rows }], figures, raw };
}
