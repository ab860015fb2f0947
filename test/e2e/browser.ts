/** Launches Debian's Chromium through playwright-core (headless, fresh profile) or explains why not. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PMO_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** True when the browser binary exists; when missing and PMO_REQUIRE_BROWSER=1, throws instead. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.PMO_REQUIRE_BROWSER === '1') {
    throw new Error(`PMO_REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  }
  console.warn(`\n*** pmo e2e: SKIPPED - no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) or set PMO_CHROMIUM. ***\n`);
  return false;
}

/** Starts headless Chromium; each launch gets a fresh temporary profile (user-data dir). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
