#!/usr/bin/env node
// The `pmo` command. Runs the compiled CLI from dist/ (after `npm run build`), unless the TypeScript sources
// beside it are newer than that build (a development checkout edited since its last build): then it compiles
// the sources on the fly with tsx, so the command never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');
const sources = join(root, 'src');

/** Newest modification time (ms) of the non-test .ts files under dir. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const useBuild = existsSync(built) && (!existsSync(sources) || newestSource(sources) <= statSync(built).mtimeMs);
if (useBuild) {
  const { main } = await import(pathToFileURL(built).href);
  await main(process.argv.slice(2));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(pathToFileURL(join(sources, 'cli', 'main.ts')).href);
  await main(process.argv.slice(2));
}
