// The registry's web page in a real browser (Debian's Chromium, headless, through playwright-core) against a real
// `tsbuild registry serve` (the bundle: the page's files embedded in it). The page is filled through the API, then
// used as a person would: enter a token, open a bucket and a version, revoke, restore and assign a channel with an
// admin token (each change checked through the API too), and see that a read token is offered no change. Every wait
// is for something to show, bounded. Screenshots of the main views go to SCREENSHOTS, to be looked at by eye.

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BucketAncestry, Channel, Version } from '../../registry/api/types.js';
import { launchChromium } from '../support/browser.js';
import { chromium, needs } from '../support/needs.js';
import { startRegistry, type TestRegistry } from '../support/registry-server.js';
import { fillRegistry, HOSTILE_DESCRIPTION, runUuid } from '../support/registry-web-data.js';

const SCREENSHOTS = join(tmpdir(), 'tsbuild-registry-web');
const BOUND = { timeout: 20_000 };

/** Waits until the element's text contains each of `texts`. */
async function sees(locator: Locator, ...texts: string[]): Promise<void> {
  for (const text of texts) await expect.poll(() => locator.innerText(BOUND), BOUND).toContain(text);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Use token' }).click();
  await page.locator('#scope').waitFor(BOUND);
}

const gated = needs(chromium);

gated.describe('registry web page', () => {
  let reg: TestRegistry;
  let browser: Browser;
  let admin: string;
  let read: string;
  let page: Page;
  const api = async <T>(path: string) => (await reg.api<T>(path)).body;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    reg = await startRegistry('tsbuild-web-');
    [admin, read] = [await reg.newToken('admin'), await reg.newToken('read')];
    await fillRegistry(reg);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    reg?.stop();
  });

  gated.it('asks for a token, says when the registry does not know it, and shows the buckets with data as text', async () => {
    await page.goto(reg.url);
    await page.getByLabel('Token').fill('tsbr_not-a-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    await sees(page.locator('#error'), 'The registry does not accept this token (401): unknown token');
    await shoot(page, '1-unknown-token');

    await signIn(page, reg.url, admin);
    await sees(page.locator('header'), 'admin token');
    const base = page.locator('#buckets tr', { hasText: 'base' });
    await sees(base, HOSTILE_DESCRIPTION, 'team=platform', 'os=debian', 'aws, docker', 'v3', 'ACTIVE');
    await sees(page.locator('#buckets tr', { hasText: 'app' }), 'The web application', 'docker', 'v1');
    expect(await page.locator('#buckets img, #buckets b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    await shoot(page, '2-buckets');
  });

  gated.it("shows a bucket's versions, channels with their history, and ancestry; a version's builds, metadata and artifacts by region", async () => {
    await page.getByRole('link', { name: 'base', exact: true }).click();
    await sees(page.locator('#bucket-description'), HOSTILE_DESCRIPTION);
    for (const n of [1, 2, 3]) await sees(page.locator('#versions tr', { hasText: `base-fp-${n}` }), `v${n}`, 'ACTIVE', 'aws, docker');
    await sees(page.locator('#channels tr', { hasText: 'prod' }), 'v3', 'base-fp-3');
    await sees(page.locator('#channels tr', { hasText: 'latest' }), 'v3', 'managed');
    const history = page.locator('.history[data-channel="prod"] tbody tr');
    await expect.poll(() => history.allInnerTexts(), BOUND).toEqual([expect.stringContaining('v3'), expect.stringContaining('v2'), expect.stringContaining('v1')]);
    await sees(page.locator('#ancestry tr', { hasText: 'app' }), 'child', 'base v3', 'prod now at v3', 'app v1', 'UP_TO_DATE');
    await shoot(page, '3-bucket');

    await page.locator('#versions').getByRole('link', { name: 'v3' }).click();
    const ebs = page.locator('#builds tr', { hasText: 'amazon-ebs.debian' });
    await sees(ebs, 'aws', 'DONE');
    const pairs = { run: runUuid('base-fp-3', 0), 'source image': 'ami-0123456789abcdef0', labels: 'os=debian-12', tsbuild_version: '0.1.0', git_commit: 'c0ffee0base-fp-3', ci_job_url: 'https://ci.example/jobs/base-fp-3' };
    for (const [key, value] of Object.entries(pairs)) await sees(ebs.locator(`dt:text-is("${key}") + dd`), value);
    await sees(page.locator('#builds tr', { hasText: 'docker.debian' }), 'docker', 'DONE');
    await expect
      .poll(() => page.locator('#artifacts tbody tr').allInnerTexts(), BOUND)
      .toEqual([
        expect.stringMatching(/^aws\teu-west-1\tami-0e3west\tamazon-ebs\.debian/),
        expect.stringMatching(/^aws\tus-east-1\tami-0e3east\tamazon-ebs\.debian/),
        expect.stringMatching(/^docker\tdocker\tsha256:333333333333\tdocker\.debian/),
      ]);
    await shoot(page, '4-version');
  });

  gated.it('revokes a version with an admin token: REVOKED, channels roll back, descendants kept when asked; then restores it', async () => {
    const adminId = (await (await fetch(`${reg.url}/packer/2023-01-01/organizations/default/projects/default/caller`, { headers: { authorization: `Bearer ${admin}` } })).json()).caller.author_id as string;
    const revoke = page.locator('#revoke');
    await revoke.getByLabel('Message').fill('CVE-2026-0001 in openssl');
    await revoke.getByLabel(/skip descendants/).check();
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await sees(page.locator('#notice'), 'Version v3 is revoked.');
    await sees(page.locator('h1'), 'REVOKED');
    await sees(page.locator('dl.facts'), 'CVE-2026-0001 in openssl', `by ${adminId}`);
    await shoot(page, '5-revoked');
    expect((await api<{ version: Version }>('/buckets/base/versions/base-fp-3')).version).toMatchObject({ status: 'VERSION_REVOKED', revocation_message: 'CVE-2026-0001 in openssl', revocation_author: adminId });
    expect((await api<{ channel: Channel }>('/buckets/base/channels/prod')).channel.version).toMatchObject({ fingerprint: 'base-fp-2' });
    expect((await api<{ version: Version }>('/buckets/app/versions/app-fp-1')).version.status).toBe('VERSION_ACTIVE');

    await page.locator('.crumbs').getByRole('link', { name: 'base' }).click();
    await sees(page.locator('#versions tr', { hasText: 'base-fp-3' }), 'REVOKED', '“CVE-2026-0001 in openssl”', `by ${adminId}`);
    await sees(page.locator('#channels tr', { hasText: 'prod' }), 'v2');
    await sees(page.locator('#channels tr', { hasText: 'latest' }), 'v2');
    await shoot(page, '6-bucket-after-revoke');
    await page.locator('#ancestry').getByRole('link', { name: 'app', exact: true }).click();
    await sees(page.locator('#ancestry tr', { hasText: 'base' }), 'parent', 'prod now at v2', 'OUT_OF_DATE');
    await shoot(page, '7-child-ancestry');

    await page.goto(`${reg.url}/#/buckets/base/versions/base-fp-3`);
    await page.locator('#restore').getByRole('button', { name: 'Restore' }).click();
    await sees(page.locator('#notice'), 'Version v3 is restored.');
    await sees(page.locator('h1'), 'ACTIVE');
    expect((await api<{ version: Version }>('/buckets/base/versions/base-fp-3')).version.status).toBe('VERSION_ACTIVE');
  });

  gated.it('assigns a channel, and schedules a revocation at a time and cancels it', async () => {
    await page.locator('.crumbs').getByRole('link', { name: 'base' }).click();
    const assign = page.locator('#assign-channel');
    await assign.getByLabel('Channel').fill('prod');
    await assign.getByLabel('Version').selectOption('base-fp-3');
    await assign.getByRole('button', { name: 'Assign' }).click();
    await sees(page.locator('#notice'), 'Channel prod now points at v3.');
    await sees(page.locator('#channels tr', { hasText: 'prod' }), 'v3');
    await expect.poll(() => page.locator('.history[data-channel="prod"] tbody tr').first().innerText(BOUND), BOUND).toContain('v3');
    expect((await api<{ channel: Channel }>('/buckets/base/channels/prod')).channel.version).toMatchObject({ fingerprint: 'base-fp-3' });
    expect((await api<{ relations: BucketAncestry[] }>('/buckets/app/ancestry')).relations.map((r) => r.status)).toEqual(['UP_TO_DATE']);
    await shoot(page, '8-assigned');

    // A refusal shows the server's message under the form: `latest` is the registry's own channel.
    await assign.getByLabel('Channel').fill('latest');
    await assign.getByRole('button', { name: 'Assign' }).click();
    await sees(assign.locator('.form-error'), 'channel "latest" is managed by the registry');

    await page.locator('#versions').getByRole('link', { name: 'v1' }).click();
    const revoke = page.locator('#revoke');
    await revoke.getByLabel('at', { exact: true }).check();
    await revoke.getByLabel('Revoke at (local time)').fill('2999-01-02T03:04');
    await revoke.getByLabel('Message').fill('replaced by v3');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await sees(page.locator('#notice'), 'Version v1 is scheduled for revocation.');
    await sees(page.locator('h1'), 'REVOCATION_SCHEDULED');
    const scheduled = (await api<{ version: Version }>('/buckets/base/versions/base-fp-1')).version;
    expect(scheduled).toMatchObject({ status: 'VERSION_REVOCATION_SCHEDULED', revocation_message: 'replaced by v3' });
    expect(scheduled.revoke_at).toBe(await page.evaluate(() => new Date('2999-01-02T03:04').toISOString()));
    await sees(page.locator('dl.facts'), `to be revoked ${scheduled.revoke_at!.slice(0, 16).replace('T', ' ')}`);
    await shoot(page, '9-scheduled');
    await page.locator('#restore').getByRole('button', { name: 'Restore' }).click();
    await sees(page.locator('h1'), 'ACTIVE');
    expect((await api<{ version: Version }>('/buckets/base/versions/base-fp-1')).version.status).toBe('VERSION_ACTIVE');
  });

  gated.it('offers a read token no change: no revoke, restore or assign form, and says why', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const reader = await context.newPage();
    await signIn(reader, reg.url, read);
    await sees(reader.locator('header'), 'read token');
    await reader.goto(`${reg.url}/#/buckets/base/versions/base-fp-2`);
    await sees(reader.locator('#builds'), 'amazon-ebs.debian');
    await sees(reader.locator('.read-only'), 'Revoking or restoring a version needs a write or admin token.');
    expect(await reader.locator('#revoke, #restore').count()).toBe(0);
    await shoot(reader, '10-read-token-version');
    await reader.goto(`${reg.url}/#/buckets/base`);
    await sees(reader.locator('#channels'), 'prod');
    await sees(reader.locator('.read-only'), 'Assigning a channel needs a write or admin token.');
    expect(await reader.locator('#assign-channel').count()).toBe(0);
    await shoot(reader, '10-read-token-bucket');
    await context.close();
  });

  gated.it('says so when the registry does not answer', async () => {
    reg.stop();
    await page.locator('.crumbs').getByRole('link', { name: 'Buckets' }).click();
    await sees(page.locator('#error'), `Cannot reach the registry at ${reg.url}`);
    await shoot(page, '11-server-down');
  });
});
