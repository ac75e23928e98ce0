// A real browser for tests of the registry's web page: Debian's Chromium, driven headless by playwright-core (which
// downloads no browser of its own: it is given the executable).

import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const chromiumPresent = existsSync(CHROMIUM);

/** Chromium headless, with nothing reaching out to the network on its own (updates, sync, first-run pages). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
