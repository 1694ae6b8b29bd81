// In Chromium, on the demo region: municipal staff open the FY2023 plan approved at the R6/2/9
// council (figures resolved from the demo's records), print it, and edit the FY2024 draft; a
// misspelt figure name is refused with the list of names beside the editor. Screenshots kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoSession, newContext, loginDemo } from './browser.mjs';

let session, srv, browser;

before(async () => {
  session = await demoSession();
  ({ srv, browser } = session);
});
after(async () => { await session?.stop(); });

test('the approved FY2023 table, printed, and the FY2024 draft edited', async () => {
  const context = await newContext(browser, srv.base, { width: 1280, height: 900 });
  const page = await context.newPage();
  await loginDemo(page, srv.base, 'honjo');
  await page.getByRole('link', { name: '事業計画', exact: true }).click();
  await page.getByRole('link', { name: '令和5年度' }).click();
  const table = await page.locator('table.plan-table').innerText();
  assert.match(table, /相談件数：31件/);
  assert.match(table, /本庄市\(64\)、上里町\(16\)/);
  assert.match(table, /2,342 人視聴/);
  assert.match(table, /市町担当者会議：16 回/);
  assert.match(await page.locator('.plan').innerText(), /承認済み/);
  // Indicators beside the items they back, as trend charts.
  assert.ok(await page.locator('#item-e + tr svg.chart.line').count() >= 1);
  await page.screenshot({ path: session.shot('40-plan-fy2023.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: session.shot('41-plan-fy2023-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  await page.goto(srv.base + '/plans/2024/items/e');
  const results = page.locator('textarea[name="results"]');
  await results.fill((await results.inputValue()) + '\n○相談件数：{{consultations.totl}}件');
  await page.getByRole('button', { name: '保存する' }).click();
  await page.getByText('使えない数値名があるため保存しませんでした').waitFor();
  assert.match(await page.locator('.error').innerText(), /consultations\.totl/);
  await page.screenshot({ path: session.shot('42-plan-edit-refused.png'), fullPage: true });
  await results.fill((await results.inputValue()).replace('{{consultations.totl}}', '{{consultations.total}}'));
  await page.getByRole('button', { name: '保存する' }).click();
  await page.getByText('保存しました。').waitFor();
  assert.match(await page.locator('#item-e').innerText(), /相談件数：\d+件/);
  // The same item over the years.
  await page.goto(srv.base + '/plans/items/e');
  const years = await page.locator('table.plan-table').innerText();
  assert.match(years, /令和5年度[\s\S]*令和6年度/);
  assert.match(years, /相談件数：31件/);
  await page.screenshot({ path: session.shot('43-plan-item-over-years.png'), fullPage: true });
  await context.close();
});
