// In Chromium, on the demo region: the hub's coordinator records a consultation (the requester's
// organisation picked from the directory), hands it to 本庄市's support centre; the centre's staff find
// it in their list; the statistics page shows FY2023 as the region's 資料2. Screenshots in test-results/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoSession, newContext, loginDemo, unlabelledControls } from './browser.mjs';

let session, srv, browser;

before(async () => {
  session = await demoSession();
  ({ srv, browser } = session);
});
after(async () => { await session?.stop(); });

async function login(login, viewport) {
  const context = await newContext(browser, srv.base, viewport);
  const page = await context.newPage();
  await loginDemo(page, srv.base, login);
  return { context, page };
}

test('the hub records a case and hands it to a centre; the centre sees it; the figures are the report', async () => {
  const hub = await login('hub');
  let page = hub.page;
  await page.getByRole('link', { name: '相談支援', exact: true }).click();
  await page.waitForURL(/\/consultations/);
  // This year's open cases, with the overdue follow-up first.
  await page.locator('tr.overdue').first().waitFor();
  await page.screenshot({ path: session.shot('20-consultations-list.png'), fullPage: true });

  await page.getByRole('link', { name: '相談を受け付ける' }).click();
  // Every control of the form has a name a screen reader reads out.
  assert.deepEqual(await unlabelledControls(page), []);
  await page.getByLabel('相談者の区分').selectOption({ label: 'ケアマネジャー' });
  await page.getByLabel('相談者の氏名・所属').fill('介護 支援子');
  // The requester's office from the directory (htmx fills the choices as one types).
  await page.getByPlaceholder('事業所名・よみで検索').first().fill('かみさと居宅');
  await page.locator('#requester_facility_id option', { hasText: 'かみさと居宅介護支援事業所' }).waitFor({ state: 'attached' });
  await page.locator('#requester_facility_id').selectOption({ label: 'かみさと居宅介護支援事業所（サンプル）（上里町）' });
  await page.getByLabel('対象者の住所地').selectOption({ label: '本庄市' });
  await page.getByLabel('年齢').selectOption({ label: '85〜94歳' });
  await page.getByLabel('世帯').selectOption({ label: '独居' });
  await page.getByLabel('身寄りなし').check();
  await page.getByLabel('訪問診療・訪問看護等').check();
  await page.getByLabel('日常の療養支援').check();
  await page.getByLabel('相談の概要').fill('退院後の訪問診療先を探している。独居で身寄りがなく、服薬の管理が心配。');
  await page.screenshot({ path: session.shot('21-consultation-form.png'), fullPage: true });
  await page.getByRole('button', { name: '保存する' }).click();
  await page.getByText('相談を受け付けました。').waitFor();
  const caseUrl = page.url().replace(/\?.*$/, '');

  await page.getByLabel('引き継ぎ先').selectOption({ label: '本庄市地域包括支援センター（デモ）' });
  await page.getByLabel('理由・申し送り').fill('独居で見守りが必要なため、センターの訪問をお願いします。');
  await page.getByRole('button', { name: '引き継ぐ' }).click();
  await page.getByText('引き継ぎました').waitFor();
  assert.match(await page.locator('ol.timeline').innerText(), /在宅医療連携拠点 → 本庄市地域包括支援センター（デモ）/);
  await page.screenshot({ path: session.shot('22-consultation-handed-over.png'), fullPage: true });

  // The statistics page: FY2023 as the region's 資料2.
  await page.goto(srv.base + '/consultations/stats?fy=2023');
  assert.match(await page.locator('.big-figure strong').innerText(), /^31$/);
  const towns = await page.locator('.stat-group').first().innerText();
  assert.match(towns, /本庄市\s+20\s+64/);
  assert.match(towns, /上里町\s+5\s+16/);
  assert.equal(await page.locator('svg.chart').count(), 10);
  await page.screenshot({ path: session.shot('23-consultation-stats.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: session.shot('24-consultation-stats-print.png'), fullPage: true });
  await hub.context.close();

  // The centre's staff see the case in their list and its trail.
  const center = await login('center', { width: 390, height: 844 });
  page = center.page;
  await page.goto(srv.base + '/consultations');
  await page.getByText('独居で身寄りがなく').first().waitFor();
  await page.goto(caseUrl);
  assert.match(await page.locator('ol.timeline').innerText(), /独居で見守りが必要なため/);
  await page.screenshot({ path: session.shot('25-consultation-center-phone.png'), fullPage: true });
  await center.context.close();
});
