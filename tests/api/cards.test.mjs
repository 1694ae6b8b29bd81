// わたしの連絡先カード (item エ): a resident fills the card and prints it; providers chosen from the
// directory bring their own phone numbers; nothing of the card is stored or cached. Staff record cards
// handed out, which the plan's figures count. Both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, Client, sql, ENGINE, apiClient } from './harness.mjs';

const FIX = path.resolve('tests/fixtures/opendata');
let srv;
const tokens = {};
const api = apiClient(() => srv.base, tokens);

before(async () => {
  srv = await startServer();
  assert.equal(srv.cli(['import', 'facilities', '--format', 'mhlw-iryo', `${FIX}/mhlw_iryo_01-1_hospital_facility_info_20250601_saitama_north.csv`]).status, 0);
  for (const [login, role, extra] of [['m_honjo', 'municipal_staff', ['--municipality', '112119']], ['m_kamisato', 'municipal_staff', ['--municipality', '113859']], ['center1', 'support_center', ['--org', srv.cli(['org', 'add', '--name', '本庄市地域包括支援センター', '--kind', 'support_center', '--municipality', '112119']).stdout.trim().split('\n').pop()]]]) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass\n` }).status, 0);
    tokens[login] = srv.cli(['token', 'create', '--login', login, '--name', 't']).stdout.trim().split('\n').pop();
  }
});
after(async () => { await srv.stop(); });

const SECRET = '連携太郎テスト用の秘密の薬ワルファリン';

test(`the card is made from the form and the directory, and kept nowhere (${ENGINE})`, async () => {
  const c = new Client(srv.base);
  const form = await c.get('/card');
  assert.equal(form.status, 200);
  assert.equal(form.headers.get('cache-control'), 'no-store');
  const hospital = /<option value="([a-z2-7]{26})">(本庄総合病院)（本庄市）<\/option>/.exec(form.text);
  assert.ok(hospital, 'the region\'s hospitals are offered');
  const before = sql(srv.db, 'SELECT COUNT(*) FROM audit_log').trim();
  const r = await c.post('/card', {
    name: '連携 太郎', kana: 'れんけい たろう', birth_date: '昭和24年5月1日', phone: '0495-00-1234',
    contact1_name: '連携 花子', contact1_relation: '長女', contact1_phone: '090-0000-0000',
    hospital_facility: hospital[1], hospital_name: '書き換えた名前', hospital_phone: '0495-22-0000', hospital_person: '内科',
    doctor_name: 'みどり在宅クリニック', doctor_phone: '0495-11-2222',
    medicines: SECRET, written_on: '2026-11-27',
  });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const card = r.text.slice(r.text.indexOf('class="contact-card"'));  // (the form's hidden fields keep what was typed, for 直す)
  assert.match(card, /連携 太郎/);
  assert.match(card, /昭和24年5月1日/);
  assert.match(card, /連携 花子（長女）/);
  assert.match(card, /本庄総合病院 内科/, 'the directory\'s name, not the one typed');
  assert.doesNotMatch(card, /書き換えた名前/);
  assert.match(card, /0495-22-0000/, 'the open data has no phone for this hospital: the one written stays');
  assert.match(card, /みどり在宅クリニック/);
  assert.match(card, new RegExp(SECRET));
  // Nothing of the card in the database, and no audit entry was written.
  if (ENGINE === 'sqlite') {
    const raw = sql(srv.db, '.dump');
    assert.ok(!raw.includes(SECRET) && !raw.includes('連携 太郎'), 'the card is not in the database');
  }
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM audit_log').trim(), before);
  // "直す" brings the values back into the form.
  const again = await c.post('/card', { edit: '1', name: '連携 太郎', medicines: SECRET, hospital_facility: hospital[1] });
  assert.match(again.text, /value="連携 太郎"/);
  assert.match(again.text, new RegExp(`<option value="${hospital[1]}" selected>`));
  // Bad input is shown, not printed.
  const bad = await c.post('/card', { name: 'x', birth_date: '昔' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /日付が読めません/);
  assert.equal((await c.post('/card', {})).status, 400, 'an empty card is not printed');
  const long = await c.post('/card', { name: 'あ'.repeat(100) });
  assert.equal(long.status, 400);
  // A facility id that is not a hospital of the region is dropped, not trusted.
  const odd = await c.post('/card', { name: '連携 次郎', hospital_facility: 'aaaaaaaaaaaaaaaaaaaaaaaaaa', hospital_name: '手書きの病院' });
  assert.equal(odd.status, 200);
  assert.match(odd.text, /手書きの病院/);
  // Another site cannot post the form.
  const forged = await fetch(srv.base + '/card', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
  assert.equal(forged.status, 403);
});

test(`cards handed out are recorded by town and way, and the plan counts them (${ENGINE})`, async () => {
  // Each town records its own cards; another town's staff cannot record (or delete) them.
  for (const [who, municipality, count] of [['m_honjo', '112119', 842], ['m_kamisato', '113859', 367]]) {
    const r = await api('/api/v1/cards/distributions', who, { method: 'POST', body: { date: '令和5年6月1日', municipality, channel: 'turning_75', count } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
  }
  assert.equal((await api('/api/v1/cards/distributions', 'm_honjo', { method: 'POST', body: { date: '2023-06-01', municipality: '113859', channel: 'turning_75', count: 5 } })).status, 403);
  assert.equal((await api('/api/v1/cards/distributions', 'm_honjo', { method: 'POST', body: { date: '2023-06-01', municipality: '999999', channel: 'turning_75', count: 1 } })).status, 400);
  assert.equal((await api('/api/v1/cards/distributions', 'm_honjo', { method: 'POST', body: { date: '2023-06-01', municipality: '112119', channel: 'turning_75', count: 0 } })).status, 400);
  assert.equal((await api('/api/v1/cards/distributions', 'center1', { method: 'POST', body: { date: '2023-06-01', municipality: '112119', channel: 'counter', count: 3 } })).status, 403);
  const s = (await api('/api/v1/cards/distributions?fy=2023', 'm_honjo')).json;
  assert.equal(s.total, 1209);
  assert.deepEqual(s.by_municipality.map((m) => m.count), [842, 0, 0, 367]);
  const r = await api('/api/v1/plans/2023/items/d', 'm_honjo', { method: 'PUT', body: { scenes: ['emergency'], results: '○連絡先カード {{cards.distributed}}枚（上里町 {{cards.by_municipality.113859}}枚）', evaluation: '', next_goal: '', next_plan: '', priority: false } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const entry = (await api('/api/v1/plans/2023', 'm_honjo')).json.entries.find((x) => x.item === 'd');
  assert.equal(entry.resolved.results, '○連絡先カード 1,209枚（上里町 367枚）');
});
