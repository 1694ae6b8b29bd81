// The static directory for the towns' web sites (renkei export site), served by a plain static server:
// searching in the browser folds kana and width like the server, and facility pages need nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../api/harness.mjs';

const SHOTS = path.resolve('test-results/e2e');
let srv, site, server, base, context, profile;

before(async () => {
  srv = await startServer({ demo: true });
  profile = mkdtempSync(path.join(tmpdir(), 'renkei-site-'));
  site = path.join(profile, 'site');
  const r = srv.cli(['export', 'site', '--out', site]);
  assert.equal(r.status, 0, r.stderr);
  await srv.stop();  // the site needs no Renkei server
  srv = null;
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };
  server = http.createServer((req, res) => {
    const p = path.join(site, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!p.startsWith(site) || !existsSync(p) || p.endsWith('/')) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(p)] || 'application/octet-stream' });
    res.end(readFileSync(p));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
  context = await chromium.launchPersistentContext(path.join(profile, 'browser'), {
    executablePath: '/usr/bin/chromium', headless: true, locale: 'ja-JP', viewport: { width: 390, height: 844 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  await context.route((url) => !url.href.startsWith(base), (route) => route.abort());
});
after(async () => {
  await context?.close();
  server?.close();
  if (srv) await srv.stop();
  rmSync(profile, { recursive: true, force: true });
});

test('the exported site searches in the browser and links to each facility', async () => {
  const page = await context.newPage();
  await page.goto(base + '/index.html');
  await page.locator('#results li').first().waitFor();
  assert.ok(await page.locator('#results li').count() >= 60);
  await page.getByLabel('名前・地名・サービスでさがす').fill('ﾎｳﾓﾝｶﾝｺﾞ');
  await page.getByRole('button', { name: 'さがす' }).click();
  await page.getByRole('link', { name: 'あおぞら訪問看護ステーション（サンプル）' }).waitFor();
  assert.equal(await page.locator('#count').innerText(), '2件');
  await page.screenshot({ path: path.join(SHOTS, '15-static-site.png'), fullPage: true });
  await page.getByRole('link', { name: 'あおぞら訪問看護ステーション（サンプル）' }).click();
  await page.getByRole('link', { name: /電話する/ }).waitFor();
  assert.equal(await page.getByRole('link', { name: /電話する/ }).getAttribute('href'), 'tel:0495000401');
  await page.close();
});
