// What the browser tests share: Chromium launched without reaching the internet, and logging in as a
// demo account (the demo's two-factor prompt shows the current code).
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// A new context that reaches only the test server.
export async function newContext(browser, base, viewport = { width: 1100, height: 900 }) {
  const context = await browser.newContext({ locale: 'ja-JP', viewport });
  await context.route((url) => !url.href.startsWith(base), (route) => route.abort());
  return context;
}

// Logs in through the pages with the demo password and the code the demo prompt shows.
export async function loginDemo(page, base, login) {
  await page.goto(base + '/login');
  await page.getByLabel('ログインID').fill(login);
  await page.getByLabel('パスワード').fill('renkei-demo-2024');
  await page.getByRole('button', { name: 'ログインする' }).click();
  await page.waitForURL(/\/login\/mfa/);
  await page.getByLabel('確認コード').fill(await page.locator('#demo-code').innerText());
  await page.getByRole('button', { name: '確認する' }).click();
  await page.waitForURL(base + '/');
}

// The demo region served for one test file, with Chromium and the screenshot folder; stop() ends both.
export async function demoSession() {
  const { startServer } = await import('../api/harness.mjs');
  const { mkdirSync } = await import('node:fs');
  const path = await import('node:path');
  const shots = path.resolve('test-results/e2e');
  mkdirSync(shots, { recursive: true });
  const srv = await startServer({ demo: true });
  const browser = await launch();
  return { srv, browser, shot: (name) => path.join(shots, name), async stop() { await browser.close(); await srv.stop(); } };
}

// The form controls on the page that have no name a screen reader could read out: no <label for>, no
// label around them, no aria-label or aria-labelledby. Returns their ids or names.
export async function unlabelledControls(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue;
      const named = (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) || el.closest('label') ||
        el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!named) out.push(el.id || el.name || el.outerHTML.slice(0, 60));
    }
    return out;
  });
}
