// In Chromium, on the demo region, on a phone: the visiting nurse opens her care teams from the home page,
// reads the month of a patient's timeline with its charts, records a reading (a typo refused first),
// and the doctor sees it unread, confirms it, sees the nurse's next note arrive without reloading and
// prints the emergency summary. An administrator is not a
// member and gets 404. Screenshots in test-results/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoSession, newContext, loginDemo, unlabelledControls } from './browser.mjs';

let session, srv, browser;

before(async () => {
  session = await demoSession();
  ({ srv, browser } = session);
});
after(async () => { await session?.stop(); });

const PHONE = { width: 390, height: 844 };

test('a care team on a phone: the timeline, a reading, a confirmation, the emergency summary', async () => {
  const nurseCtx = await newContext(browser, srv.base, PHONE);
  const nurse = await nurseCtx.newPage();
  await loginDemo(nurse, srv.base, 'nurse');
  assert.doesNotMatch(await nurse.locator('main').innerText(), /（エ）[^\n]*準備中/);
  await nurse.getByRole('link', { name: /（エ）患者ごとの情報共有/ }).click();
  await nurse.waitForURL(/\/teams$/);
  const names = await nurse.locator('ul.team-list li a strong').allInnerTexts();
  assert.equal(names.length, 3, names.join());
  await nurse.screenshot({ path: session.shot('70-teams-phone.png'), fullPage: true });
  // The person at the end of life: her wishes from the last ACP conversation on top of the record.
  await nurse.getByRole('link', { name: /神川 フミ（デモ）/ }).click();
  assert.match(await nurse.locator('.acp-box').innerText(), /最期を迎えたい場所\s*自宅/);
  assert.equal(await nurse.locator('.allergy').count(), 0, 'no allergy box for someone with none recorded');
  await nurse.screenshot({ path: session.shot('76-acp-phone.png') });
  await nurse.goBack();
  await nurse.getByRole('link', { name: /本庄 ハル（デモ）/ }).click();
  await nurse.waitForURL(/\/teams\/[a-z2-7]{26}$/);
  const url = nurse.url();
  assert.match(await nurse.locator('.allergy').innerText(), /ペニシリン/);
  assert.equal(await nurse.locator('.vital-charts svg').count(), 3, 'blood pressure, SpO2 and temperature charted');
  assert.ok(await nurse.locator('li.post').count() >= 10, 'a month of timeline');
  await nurse.screenshot({ path: session.shot('71-patient-phone.png'), fullPage: true });
  // A reading with a typo is refused and comes back as typed; then the right one.
  await nurse.locator('details.entry-form summary', { hasText: 'バイタル' }).click();
  const form = nurse.locator('details.entry-form[open] form').filter({ has: nurse.locator('input[name="systolic"]') });
  await form.locator('input[name="systolic"]').fill('1380');
  await form.locator('input[name="diastolic"]').fill('80');
  await form.getByRole('button', { name: '投稿する' }).click();
  assert.match(await nurse.locator('[role="alert"]').first().innerText(), /考えにくい値/);
  const again = nurse.locator('details.entry-form[open] form').filter({ has: nurse.locator('input[name="systolic"]') });
  assert.equal(await again.locator('input[name="systolic"]').inputValue(), '1380');
  await again.locator('input[name="systolic"]').fill('138');
  await again.locator('input[name="spo2"]').fill('91');
  await again.locator('textarea[name="body"]').fill('SpO2 がいつもより低め。酸素は 2L で継続。');
  await again.getByRole('button', { name: '投稿する' }).click();
  await nurse.waitForURL(/notice=posted/);
  const first = nurse.locator('li.post').first();
  assert.match(await first.innerText(), /138\/80 mmHg・SpO2 91%/);
  assert.deepEqual(await unlabelledControls(nurse), []);
  // A photo from the phone's camera (with its GPS position in EXIF) goes with a note; the timeline shows
  // its thumbnail, upright, and the full picture opens from it.
  const note = nurse.locator('details.entry-form form').filter({ has: nurse.locator('input[name="kind"][value="note"]') });
  await note.locator('textarea[name="body"]').fill('仙骨部の発赤、写真を載せます。');
  await note.locator('input[type="file"]').setInputFiles(new URL('../fixtures/media/photo-with-gps.jpg', import.meta.url).pathname);
  await note.getByRole('button', { name: '投稿する' }).click();
  await nurse.waitForURL(/notice=posted/);
  const thumb = nurse.locator('li.post').first().locator('.post-files img');
  await thumb.waitFor();
  assert.ok(await thumb.evaluate((img) => img.complete && img.naturalWidth === 240 && img.naturalHeight === 320), 'the thumbnail arrived, upright');
  await nurse.locator('li.post').first().scrollIntoViewIfNeeded();
  await nurse.screenshot({ path: session.shot('77-photo-phone.png') });
  const full = await nurse.request.get(await thumb.evaluate((img) => img.closest('a').href));
  assert.equal(full.headers()['content-type'], 'image/jpeg');
  assert.ok(!(await full.body()).includes('RENKEI-PHONE'), 'the phone\'s metadata is gone');
  await nurseCtx.close();

  const docCtx = await newContext(browser, srv.base, PHONE);
  const doc = await docCtx.newPage();
  await loginDemo(doc, srv.base, 'doctor');
  // The doctor's home: the late task of each team, in red, with the patient's name.
  assert.equal(await doc.locator('li.overdue', { hasText: '次回往診で採血' }).count(), 3);
  await doc.screenshot({ path: session.shot('75-home-tasks-phone.png'), fullPage: true });
  await doc.goto(srv.base + '/teams');
  assert.match(await doc.locator('ul.team-list li', { hasText: '本庄 ハル' }).innerText(), /未読 1/);
  await doc.goto(url);
  const post = doc.locator('li.post').first();
  await post.getByRole('button', { name: '確認しました' }).click();
  await doc.waitForURL(/notice=confirmed/);
  assert.match(await doc.locator('li.post').first().innerText(), /確認： 在宅 医師/);
  await doc.screenshot({ path: session.shot('72-confirmed-phone.png'), fullPage: true });
  // Live: the nurse posts from elsewhere (her phone's app, through the API) and the open page shows it.
  const token = srv.cli(['token', 'create', '--login', 'nurse']).stdout.trim().split('\n').pop();
  const sent = await fetch(url.replace('/teams/', '/api/v1/teams/') + '/posts', {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'note', body: '16時に再訪します（ライブで届く連絡）' }) });
  assert.equal(sent.status, 201);
  await doc.locator('li.post', { hasText: 'ライブで届く連絡' }).waitFor({ timeout: 5000 });
  assert.match(await doc.locator('li.post').first().innerText(), /ライブで届く連絡/, 'the new post on top, without a reload');
  await doc.getByRole('link', { name: '急変時サマリー' }).click();
  const sheet = doc.locator('.summary-sheet');
  await sheet.waitFor();
  const text = await sheet.innerText();
  assert.match(text, /本庄 ハル（デモ）/);
  assert.match(text, /在宅酸素/);
  assert.match(text, /138\/80 mmHg/);
  await doc.screenshot({ path: session.shot('73-summary-phone.png'), fullPage: true });
  // The same sheet printed on A4 (the demo's code serves one login a half minute: the same session).
  await doc.setViewportSize({ width: 794, height: 1123 });
  await doc.emulateMedia({ media: 'print' });
  await doc.screenshot({ path: session.shot('74-summary-a4.png'), fullPage: true });
  await docCtx.close();

  const adminCtx = await newContext(browser, srv.base);
  const admin = await adminCtx.newPage();
  await loginDemo(admin, srv.base, 'admin');
  const r = await admin.goto(url);
  assert.equal(r.status(), 404, 'an administrator is not a member');
  assert.doesNotMatch(await admin.content(), /本庄 ハル/);
  await adminCtx.close();
});
