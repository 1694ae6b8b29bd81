// In Chromium, on the demo region: municipal staff upload a national file, check the preview, import it
// and watch it finish; then a resident on a phone finds the new office. Screenshots in test-results/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../api/harness.mjs';
import { loginDemo } from './browser.mjs';

const SHOTS = path.resolve('test-results/e2e');
let srv, context, profile, file;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  srv = await startServer({ demo: true });
  profile = mkdtempSync(path.join(tmpdir(), 'renkei-chromium-'));
  // A national file in which one new office has appeared.
  const lines = readFileSync('tests/fixtures/opendata/mhlw_kaigo_honjo_kodama_multi_service.csv', 'utf8').split('\r\n');
  const row = lines[1].replaceAll('1114301370', '1170000019').replace('医療法人　柏成会　青木病院', 'ひまわり訪問看護ステーション')
    .replace('イリョウホウジン　ハクセイカイ　アオキビョウイン', 'ヒマワリホウモンカンゴステーション').replace('訪問リハビリテーション', '訪問看護');
  file = path.join(profile, 'jigyosho_130.csv');
  writeFileSync(file, [lines[0], row, ''].join('\r\n'));
  context = await chromium.launchPersistentContext(profile + '/browser', {
    executablePath: '/usr/bin/chromium', headless: true, locale: 'ja-JP', viewport: { width: 1100, height: 850 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  // Nothing but the test server: no tile servers, no fonts, no anything on the internet.
  await context.route((url) => !url.href.startsWith(srv.base), (route) => route.abort());
});
after(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  await srv?.stop();
});

test('municipal staff import a file with a preview and watch the progress', async () => {
  const page = await context.newPage();
  await loginDemo(page, srv.base, 'honjo');
  await page.getByRole('link', { name: '事業所データ', exact: true }).click();
  await page.getByRole('link', { name: '事業所データの取り込み' }).click();
  await page.locator('#file').setInputFiles(file);
  await page.getByRole('button', { name: '内容を確認する' }).click();
  await page.getByText('まだ取り込んでいません').waitFor();
  assert.match(await page.locator('dl.facts').innerText(), /新しく登録\s*1件/);
  await page.screenshot({ path: path.join(SHOTS, '10-import-preview.png'), fullPage: true });
  await page.getByRole('button', { name: '取り込む' }).click();
  await page.locator('#job-finished').waitFor({ timeout: 15000 });
  assert.match(await page.locator('#job-added').innerText(), /1件/);
  await page.screenshot({ path: path.join(SHOTS, '11-import-done.png'), fullPage: true });
  await page.close();
});

test('the map on the search page shows every match as clustered markers', async () => {
  const page = await context.newPage();
  await page.goto(srv.base + '/facilities?municipality=112119');
  await page.locator('#map[data-markers]').waitFor();
  assert.ok(Number(await page.locator('#map').getAttribute('data-markers')) >= 20);
  assert.ok(await page.locator('.leaflet-marker-icon, .marker-cluster').count() >= 1);
  await page.locator('#map').scrollIntoViewIfNeeded();
  await page.locator('#map').screenshot({ path: path.join(SHOTS, '14-map.png') });
  await page.close();
});

test('a resident on a phone finds the new office by typing in hiragana', async () => {
  await context.clearCookies();
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(srv.base + '/facilities');
  await page.getByLabel('名前・地名・サービスでさがす').fill('ひまわり ほうもんかんご');
  await page.getByRole('button', { name: 'さがす' }).click();
  await page.getByRole('link', { name: 'ひまわり訪問看護ステーション' }).waitFor();
  // The map shows the match (its tiles are not reachable here; the markers still are).
  await page.locator('#map[data-markers="1"]').waitFor();
  await page.screenshot({ path: path.join(SHOTS, '12-phone-search.png'), fullPage: true });
  await page.getByRole('link', { name: 'ひまわり訪問看護ステーション' }).click();
  await page.getByRole('link', { name: /電話する/ }).waitFor();
  assert.equal(await page.getByRole('link', { name: /電話する/ }).getAttribute('href'), 'tel:0495243005');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'no sideways scrolling');
  await page.screenshot({ path: path.join(SHOTS, '13-phone-facility.png'), fullPage: true });
  await page.close();
});
