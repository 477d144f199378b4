// Checks, with a real headless chromium, that the Temporal UI shows an environment's run the way
// people find it: the workflows list filtered by the team's EnvTeam search attribute lists the
// run, and the run's page shows the static summary the API set when it started the run.
//
//   node ui-check.mjs <ui-base-url> <team> <workflow-id> <screenshot.png> [temporal-namespace]
//
// Prints one JSON line with what it found and exits 0 when everything was there, 1 when something
// was missing (the JSON says at which stage), 2 on bad arguments. UI_CHECK_TIMEOUT_MS bounds each
// wait (default 60000).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
// This machine has no network beyond loopback: without these flags chromium keeps trying to reach
// Google's services, which slows every page and can keep the page from ever going idle.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const [baseArg, team, workflowId, screenshot, namespace = 'default'] = process.argv.slice(2);
if (!baseArg || !team || !workflowId || !screenshot) {
  console.error('usage: node ui-check.mjs <ui-base-url> <team> <workflow-id> <screenshot.png> [namespace]');
  process.exit(2);
}
const base = baseArg.replace(/\/+$/, '');
const timeout = Number(process.env.UI_CHECK_TIMEOUT_MS ?? 60000);
// environment/<team>/<name>: the summary the API writes starts with "Environment <team>/<name>: ".
const summaryPrefix = `Environment ${workflowId.split('/').slice(1).join('/')}: `;

const found = { ok: false, stage: 'launch', workflowId, team, listed: false };
const profile = mkdtempSync(join(tmpdir(), 'envforge-ui-check-'));
let context;
try {
  // A persistent context is how playwright takes a user-data-dir; a fresh one per run means no
  // cached UI state (saved views, column choices) from earlier runs colours what is seen.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  context.setDefaultTimeout(timeout);
  const page = context.pages()[0] ?? (await context.newPage());

  found.stage = 'list';
  const query = `EnvTeam="${team}"`;
  found.listUrl = `${base}/namespaces/${encodeURIComponent(namespace)}/workflows?query=${encodeURIComponent(query)}`;
  await page.goto(found.listUrl, { waitUntil: 'networkidle', timeout });
  const row = page.getByRole('link', { name: workflowId, exact: true });
  await waitWithReloads(page, row, timeout);
  found.listed = true;
  found.listedRows = await page
    .getByRole('link', { name: /^environment\// })
    .evaluateAll((links) => [...new Set(links.map((link) => link.textContent.trim()))]);

  found.stage = 'run';
  const runPath = new RegExp(`/workflows/${escapeRegExp(encodeURIComponent(workflowId))}/([^/?]+)`);
  await Promise.all([page.waitForURL(runPath, { timeout }), row.first().click()]);
  found.runId = decodeURIComponent(page.url().match(runPath)[1]);
  // The run page keeps polling a running workflow's history, so it never goes network-idle:
  // wait for what a person would look at instead.
  await page.getByRole('heading', { name: workflowId }).first().waitFor({ timeout });

  found.stage = 'summary';
  const metadataTab = page.getByRole('tab', { name: /User Metadata/ });
  await metadataTab.click();
  found.summary = await textInAnyFrame(page, summaryPrefix, timeout);
  found.runUrl = page.url();

  found.stage = 'screenshot';
  await page.screenshot({ path: screenshot, fullPage: true });
  found.screenshot = screenshot;
  found.ok = true;
  found.stage = 'done';
} catch (error) {
  found.error = String(error?.message ?? error).split('\n')[0];
  if (context) {
    // A picture of where it stopped says more than the error.
    const page = context.pages()[0];
    await page?.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  }
} finally {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(found));
process.exit(found.ok ? 0 : 1);

/** Visibility is eventually consistent: reload the list a few times before giving up. */
async function waitWithReloads(page, locator, patience) {
  const deadline = Date.now() + patience;
  for (;;) {
    const left = deadline - Date.now();
    try {
      await locator.first().waitFor({ timeout: Math.min(10000, Math.max(left, 1)) });
      return;
    } catch (notYet) {
      if (Date.now() >= deadline) {
        throw new Error(`${locator} not listed within ${patience} ms`);
      }
      await page.reload({ waitUntil: 'networkidle', timeout: Math.max(deadline - Date.now(), 1) });
    }
  }
}

/**
 * The UI renders user metadata (summary, details) as Markdown inside iframes of its own; the text
 * is looked for in every frame so that a UI that shows it inline is covered too.
 */
async function textInAnyFrame(page, prefix, patience) {
  const deadline = Date.now() + patience;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame
        .evaluate(() => document.body?.innerText ?? '')
        .catch(() => '');
      const line = text
        .split('\n')
        .map((each) => each.trim())
        .find((each) => each.startsWith(prefix));
      if (line) {
        return line;
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no text starting with "${prefix}" within ${patience} ms`);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
