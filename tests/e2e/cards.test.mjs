// In Chromium, on the demo region: a resident makes わたしの連絡先カード on a phone, choosing the hospital
// from the directory, and sees it ready to print; staff see the cards handed out in FY2023.
// Screenshots in test-results/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoSession, newContext, loginDemo } from './browser.mjs';

let session, srv, browser;

before(async () => {
  session = await demoSession();
  ({ srv, browser } = session);
});
after(async () => { await session?.stop(); });

test('a resident makes a contact card on a phone; staff see the cards handed out', async () => {
  const phone = await newContext(browser, srv.base, { width: 390, height: 844 });
  const page = await phone.newPage();
  await page.goto(srv.base + '/facilities');
  await page.getByRole('link', { name: '連絡先カード' }).click();
  await page.getByLabel('氏名', { exact: true }).fill('連携 太郎');
  await page.getByLabel('生年月日').fill('昭和24年5月1日');
  await page.getByLabel('氏名 1').fill('連携 花子');
  await page.getByLabel('続柄').first().fill('長女');
  await page.locator('input[name="contact1_phone"]').fill('090-0000-0000');
  const hospital = page.locator('select[name="hospital_facility"]');
  const option = (await hospital.locator('option').allInnerTexts()).find((t) => t.startsWith('本庄総合病院'));
  assert.ok(option, 'the region\'s hospitals are in the list');
  await hospital.selectOption({ label: option });
  await page.locator('input[name="hospital_phone"]').fill('0495-22-0000');  // the open data has none for it
  const care = page.locator('select[name="care_manager_facility"]');
  const office = (await care.locator('option').allInnerTexts())[1];
  await care.selectOption({ label: office });
  await page.getByLabel('飲んでいる薬').fill('血圧の薬（朝1錠）');
  await page.screenshot({ path: session.shot('60-card-form-phone.png'), fullPage: true });
  await page.getByRole('button', { name: 'カードを作る' }).click();
  const card = page.locator('.contact-card');
  await card.waitFor();
  assert.match(await card.innerText(), /本庄総合病院\s*0495-22-0000/);
  assert.match(await card.innerText(), new RegExp(office.replace(/（[^（]*）$/, '') + '\\s*0\\d'), 'the office and its phone from the directory');
  assert.match(await card.innerText(), /連携 花子（長女）/);
  await page.screenshot({ path: session.shot('61-card-print-phone.png'), fullPage: true });
  await page.getByRole('button', { name: '直す' }).click();
  assert.equal(await page.getByLabel('氏名', { exact: true }).inputValue(), '連携 太郎');
  await phone.close();

  const desk = await newContext(browser, srv.base);
  const staff = await desk.newPage();
  await loginDemo(staff, srv.base, 'honjo');
  await staff.goto(srv.base + '/cards?fy=2023');
  assert.match(await staff.locator('.big-figure').innerText(), /1666/);
  await staff.screenshot({ path: session.shot('62-cards-distributed.png'), fullPage: true });
  // The desk view of the card, printed on A4.
  await staff.goto(srv.base + '/card');
  await staff.getByLabel('氏名', { exact: true }).fill('連携 一郎');
  await staff.getByRole('button', { name: 'カードを作る' }).click();
  await staff.locator('.contact-card').waitFor();
  await staff.emulateMedia({ media: 'print' });
  await staff.screenshot({ path: session.shot('63-card-print-a4.png'), fullPage: true });
  await desk.close();
});
