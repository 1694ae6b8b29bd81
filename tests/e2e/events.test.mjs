// In Chromium, on the demo region: a resident registers for the open event on a phone-sized window
// and gets a reference; staff check them in at the door on a tablet; the year's figures change; the
// public 人生会議 page and a meeting with its minutes. Screenshots in test-results/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoSession, newContext, loginDemo } from './browser.mjs';

let session, srv, browser;

before(async () => {
  session = await demoSession();
  ({ srv, browser } = session);
});
after(async () => { await session?.stop(); });

test('a resident registers on a phone; staff check them in; the figures change', async () => {
  const phone = await newContext(browser, srv.base, { width: 390, height: 844 });
  let page = await phone.newPage();
  await page.goto(srv.base + '/events');
  await page.getByRole('link', { name: '多職種連携を考える会（入退院支援）' }).click();
  await page.screenshot({ path: session.shot('30-event-phone.png'), fullPage: true });
  await page.getByLabel('お名前').fill('連携 花子');
  await page.getByLabel('所属（事業所名など）').fill('ひまわり訪問看護ステーション');
  await page.getByLabel('所属の種類').selectOption({ label: '訪問看護ステーション' });
  await page.getByLabel('職種').selectOption({ label: '訪問看護師' });
  await page.getByLabel('お住まい・勤務先の市町').selectOption({ label: '上里町' });
  await page.getByLabel('電話番号').fill('0495-00-7777');
  await page.getByRole('button', { name: '申し込む' }).click();
  await page.getByText('お申し込みを受け付けました。').waitFor();
  const reference = await page.locator('.reference').innerText();
  assert.match(reference, /^R-/);
  // Nobody else's name is on the confirmation.
  assert.doesNotMatch(await page.content(), /青木|石井/);
  await page.screenshot({ path: session.shot('31-event-registered-phone.png'), fullPage: true });
  await phone.close();

  const tablet = await newContext(browser, srv.base, { width: 820, height: 1180 });
  page = await tablet.newPage();
  await loginDemo(page, srv.base, 'honjo');
  await page.goto(srv.base + '/admin/events');
  const row = page.locator('tr', { hasText: '多職種連携を考える会（入退院支援）' });
  const before = Number(await row.locator('td.num').nth(1).innerText());
  await row.getByRole('link', { name: '受付（出欠）' }).click();
  await page.getByPlaceholder('名前・所属・受付番号でさがす').fill('連携');
  await page.getByRole('button', { name: 'さがす' }).click();
  const item = page.locator('ul.checkin-list li', { hasText: '連携 花子' });
  await item.getByRole('button', { name: '出席にする' }).click();
  await page.getByText('出欠を記録しました。').waitFor();
  await page.screenshot({ path: session.shot('32-checkin-tablet.png'), fullPage: true });
  await page.goto(srv.base + '/admin/events');
  const after = Number(await page.locator('tr', { hasText: '多職種連携を考える会（入退院支援）' }).locator('td.num').nth(1).innerText());
  assert.equal(after, before + 1);

  // FY2023 as the seed reports it, and the figures page.
  await page.goto(srv.base + '/admin/events/summary?fy=2023');
  assert.match(await page.locator('.big-figure').innerText(), /開催\s*3\s*回.*参加\s*134\s*人/s);
  await page.screenshot({ path: session.shot('33-events-summary.png'), fullPage: true });
  await page.goto(srv.base + '/admin/outreach?fy=2023');
  assert.match(await page.locator('.big-figure').innerText(), /2342/);
  await page.screenshot({ path: session.shot('34-outreach.png'), fullPage: true });
  await page.goto(srv.base + '/meetings?fy=2023');
  assert.match(await page.locator('table.figures').innerText(), /市町担当者会議\s+16/);
  await page.getByRole('link', { name: '令和5年度 第2回 在宅医療・介護連携推進協議会' }).click();
  await page.locator('.minutes h2').first().waitFor();
  await page.screenshot({ path: session.shot('35-meeting.png'), fullPage: true });
  // 本庄市's open action items are on the home page.
  await page.goto(srv.base + '/');
  assert.match(await page.content(), /出前講座の依頼者へ日程の候補を連絡する/);
  await page.screenshot({ path: session.shot('36-home-actions.png'), fullPage: true });
  await tablet.close();

  const resident = await newContext(browser, srv.base, { width: 390, height: 844 });
  page = await resident.newPage();
  await page.goto(srv.base + '/acp');
  await page.getByRole('heading', { name: '人生会議とは' }).waitFor();
  await page.screenshot({ path: session.shot('37-acp-phone.png'), fullPage: true });
  await resident.close();
});
