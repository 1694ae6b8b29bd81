// In Chromium, on the demo region: staff create a survey from the example questions, ask the region's
// hospitals, open it and print the invitations; a hospital answers on a phone through its link; the
// results page shows the answer. Screenshots in test-results/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoSession, newContext, loginDemo } from './browser.mjs';

let session, srv, browser;

before(async () => {
  session = await demoSession();
  ({ srv, browser } = session);
});
after(async () => { await session?.stop(); });

test('staff make a survey; a hospital answers on a phone; the results show it', async () => {
  const desk = await newContext(browser, srv.base);
  const page = await desk.newPage();
  await loginDemo(page, srv.base, 'honjo');
  await page.getByRole('link', { name: '調査', exact: true }).first().click();
  await page.getByRole('link', { name: '新しい調査を作る' }).click();
  await page.getByLabel('調査の名前').fill('在宅医療の受け入れ状況調査');
  await page.getByLabel('回答の締切').fill('2031-03-31');
  await page.screenshot({ path: session.shot('50-survey-new.png'), fullPage: true });
  await page.getByRole('button', { name: '保存する' }).click();
  await page.getByRole('heading', { name: /在宅医療の受け入れ状況調査/ }).waitFor();
  await page.getByLabel('病院').check();
  await page.getByLabel('市町').selectOption({ label: '本庄市' });
  await page.getByRole('button', { name: '送り先に加える' }).click();
  await page.getByText('事業所を送り先に加えました。').waitFor();
  await page.getByRole('button', { name: '回答の受付を始める' }).click();
  await page.locator('.tag.ok', { hasText: '受付中' }).first().waitFor();
  await page.screenshot({ path: session.shot('51-survey-targets.png'), fullPage: true });
  const link = await page.locator('input.copy').first().inputValue();
  const facility = await page.locator('tbody tr').first().locator('td').first().innerText();
  await page.getByRole('link', { name: '依頼文（リンク・QRコード）' }).click();
  assert.ok(await page.locator('.invitation svg').count() >= 1, 'a QR code per facility');
  await page.screenshot({ path: session.shot('52-survey-invitations.png'), fullPage: false });

  const phone = await newContext(browser, srv.base, { width: 390, height: 844 });
  const form = await phone.newPage();
  await form.goto(link);
  assert.match(await form.locator('.to').innerText(), new RegExp(facility));
  await form.getByRole('button', { name: '回答を送信する' }).click();  // the browser asks for the name first
  assert.equal(await form.locator('#respondent:invalid').count(), 1);
  await form.getByLabel('対応している', { exact: true }).check();
  await form.getByLabel('夜間・休日の対応').check();
  await form.getByLabel('医師との連携').check();
  await form.locator('input[name="q3"]').fill('４');
  await form.getByLabel('回答者（部署・氏名）').fill('地域連携室 佐藤');
  await form.screenshot({ path: session.shot('53-survey-answer-phone.png'), fullPage: true });
  await form.getByRole('button', { name: '回答を送信する' }).click();
  await form.getByText('回答を受け付けました。').waitFor();
  await form.screenshot({ path: session.shot('54-survey-thanks-phone.png'), fullPage: true });
  await phone.close();

  await page.goto(srv.base + '/surveys');
  await page.getByRole('link', { name: '在宅医療の受け入れ状況調査' }).click();
  await page.getByRole('link', { name: '集計結果' }).click();
  assert.match(await page.locator('.big-figure').innerText(), /回答済み\s*1\s*\//);
  const q1 = page.locator('section.question-result').first();
  assert.match(await q1.locator('tr', { hasText: '対応している' }).first().innerText(), /1\s+100%/);
  assert.match(await page.locator('section.question-result').nth(2).innerText(), /合計\s*4/);
  await page.screenshot({ path: session.shot('55-survey-results.png'), fullPage: true });
  // The demo's FY2024 看取り survey, closed, with its tally.
  await page.goto(srv.base + '/surveys?fy=2024');
  await page.getByRole('link', { name: '「看取り」に関するアンケート調査' }).click();
  await page.getByRole('link', { name: '集計結果' }).click();
  assert.match(await page.locator('.big-figure').innerText(), /回答済み\s*18\s*\/\s*22/);
  await page.screenshot({ path: session.shot('56-survey-mitori-results.png'), fullPage: true });
  await desk.close();
});
