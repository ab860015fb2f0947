/**
 * Benchmark runner: `npm run bench -- NAME [--json FILE] [bench options]`.
 * Each benchmark lives in bench/NAME.bench.ts and exports `run(args)`, which returns the rows of
 * its table and the figures it is judged on (plus any raw results the issue asks for).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { parseBenchArgs, printTable, type BenchResult } from './lib.js';

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const name = argv[0];
  const available = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
  if (!name || name.startsWith('-')) {
    console.error(`usage: npm run bench -- NAME [--json FILE] [options]\navailable: ${available.join(', ')}`);
    process.exit(2);
  }
  const file = join(here, `${name}.bench.ts`);
  if (!existsSync(file)) {
    console.error(`pmo bench: unknown benchmark "${name}" (available: ${available.join(', ')})`);
    process.exit(2);
  }
  const args = parseBenchArgs(argv.slice(1));
  const mod = (await import(pathToFileURL(file).href)) as { run: (a: typeof args) => Promise<BenchResult> };
  const result = await mod.run(args);
  for (const table of result.tables) printTable(table.title, table.rows);
  console.log('\nfigures:', JSON.stringify(result.figures, null, 2));
  const jsonFile = args.get('json');
  if (jsonFile) {
    writeFileSync(jsonFile, JSON.stringify({ benchmark: name, at: new Date().toISOString(), node: process.version, ...result.figures, ...(result.raw ? { raw: result.raw } : {}) }, null, 2));
    console.log(`wrote ${jsonFile}`);
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(`pmo bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
