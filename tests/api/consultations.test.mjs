// Consultations (item オ): the FY2023 year of the region's 資料2 rebuilt through the API gives the
// report's figures; who sees which case (hub, centres, towns with a grant) with the refusals tried;
// hand-overs with a trail; follow-ups; the statistics files; the import of a past year's spreadsheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginThroughPages, sql, ENGINE, apiClient } from './harness.mjs';

let srv, centerHonjo, centerKamisato;
const tokens = {};

const api = apiClient(() => srv.base, tokens);

before(async () => {
  srv = await startServer();
  const org = (name, town, kind = 'support_center') => {
    const r = srv.cli(['org', 'add', '--name', name, '--kind', kind, '--municipality', town]);
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n').pop();
  };
  centerHonjo = org('本庄市地域包括支援センター', '112119');
  centerKamisato = org('上里町地域包括支援センター', '113859');
  const clinic = org('みどり在宅クリニック', '112119', 'clinic');
  const users = [
    ['hub1', 'hub_coordinator', []], ['hub2', 'hub_coordinator', []],
    ['c_honjo', 'support_center', ['--org', centerHonjo]], ['c_kamisato', 'support_center', ['--org', centerKamisato]],
    ['m_honjo', 'municipal_staff', ['--municipality', '112119']], ['prof', 'professional', ['--org', clinic]], ['boss', 'admin', []],
  ];
  for (const [login, role, extra] of users) {
    const r = srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass\n` });
    assert.equal(r.status, 0, r.stderr);
    const t = srv.cli(['token', 'create', '--login', login, '--name', 'test']);
    assert.equal(t.status, 0, t.stderr);
    tokens[login] = t.stdout.trim().split('\n').pop();
  }
});
after(async () => { await srv.stop(); });

// FY2023 as the region's 資料2 reports it: 31 cases.
function fy2023() {
  const expand = (pairs) => pairs.flatMap(([code, n]) => Array(n).fill(code));
  const towns = expand([['112119', 20], ['113859', 5], ['113816', 1], ['113832', 1], ['outside', 4]]);
  const requesters = expand([['care_manager', 11], ['support_center', 5], ['medical_in_pref', 6], ['medical_out_pref', 1], ['family', 5], ['person', 2], ['care_provider', 1]]);
  const contents = expand([['home_medical_nursing', 14], ['home_care_end_of_life', 6], ['admission_discharge', 4], ['facility_referral', 3], ['care_services', 2], ['system', 1], ['dementia', 1]]);
  const channels = expand([['phone', 24], ['fax', 3], ['mcs', 4]]);
  const cases = [];
  for (let i = 0; i < 31; i++) {
    const month = (i % 12) + 4 > 12 ? (i % 12) - 8 : (i % 12) + 4;
    const year = month >= 4 ? 2023 : 2024;
    let received_at = `${year}-${String(month).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}T10:${String(i).padStart(2, '0')}:00+09:00`;
    if (i === 30) received_at = '2024-03-31T23:30:00+09:00';  // the last evening of FY2023
    const content = [contents[(i * 13) % 31]];
    if (content[0] === 'home_medical_nursing' && i % 4 === 0) content.push('dementia');
    cases.push({ received_at, channel: channels[(i * 5) % 31], receiver: 'hub', requester_category: requesters[(i * 11) % 31],
      resident_municipality: towns[(i * 7) % 31], age_band: '85_94', sex: i % 2 ? 'male' : 'female', care_level: 'care_2', household: 'alone',
      flags: i % 3 ? [] : ['no_relatives'], content_categories: content, scenes: ['daily'], summary: `相談 ${i + 1}`, status: 'closed' });
  }
  return cases;
}

const row = (stats, group, code) => stats[group].find((r) => r.code === code);

test(`FY2023 rebuilt through the API gives 資料2's figures (${ENGINE})`, async () => {
  const ids = [];
  for (const c of fy2023()) {
    const r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: c });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.match(r.json.id, /^[a-z2-7]{26}$/);
    ids.push(r.json.id);
  }
  // The first minutes of FY2024 are not FY2023's.
  let r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: { ...fy2023()[0], received_at: '2024-04-01T00:10:00+09:00' } });
  assert.equal(r.status, 201);
  const april = r.json.id;

  r = await api('/api/v1/consultations/stats?fy=2023', 'hub1');
  assert.equal(r.status, 200);
  const s = r.json;
  assert.equal(s.total, 31);
  assert.deepEqual([row(s, 'by_municipality', '112119').percent, row(s, 'by_municipality', '113859').percent,
    row(s, 'by_municipality', '113816').percent, row(s, 'by_municipality', '113832').percent], [64, 16, 3, 3]);
  assert.equal(row(s, 'by_municipality', '112119').count, 20);
  assert.equal(row(s, 'by_municipality', '112119').label, '本庄市');
  assert.equal(row(s, 'by_requester', 'care_manager').percent, 35);
  assert.equal(row(s, 'by_requester', 'support_center').percent, 16);
  assert.equal(row(s, 'by_content', 'home_medical_nursing').percent, 45);
  assert.equal(row(s, 'by_content', 'home_care_end_of_life').percent, 19);
  // A case can have several contents: the rows add up to more than the cases.
  assert.ok(s.by_content.reduce((n, x) => n + x.count, 0) > 31);
  assert.equal(s.percent.of, 'cases');
  assert.equal(s.by_month.length, 12);
  assert.equal(s.by_month.find((m) => m.code === '2024-03').count, 3);
  assert.equal(s.by_channel.find((m) => m.code === 'phone').count, 24);
  assert.equal(s.previous.total, 0);
  assert.equal((await api('/api/v1/consultations/stats?fy=2024', 'hub1')).json.total, 1);
  assert.equal((await api('/api/v1/consultations/stats?fy=2024', 'hub1')).json.previous.total, 31);

  // Half-up rounding and one decimal are options; the counts stay the same.
  r = await api('/api/v1/consultations/stats?fy=2023&percent=round', 'hub1');
  assert.equal(row(r.json, 'by_municipality', '112119').percent, 65);
  assert.equal(row(r.json, 'by_requester', 'care_manager').percent, 35);
  r = await api('/api/v1/consultations/stats?fy=2023&decimals=1', 'hub1');
  assert.equal(row(r.json, 'by_municipality', '112119').percent, 64.5);
  assert.equal(row(r.json, 'by_municipality', '113859').percent, 16.1);
  r = await api('/api/v1/consultations/stats?from=2024-03-01&to=2024-03-31', 'hub1');
  assert.equal(r.json.total, 3);
  assert.equal(r.json.period.fiscal_year, null);
  assert.equal((await api('/api/v1/consultations/stats?from=2024-03-31&to=2024-03-01', 'hub1')).status, 400);
  assert.equal((await api('/api/v1/consultations/stats?fy=abc', 'hub1')).status, 400);

  r = await api(`/api/v1/consultations/${ids[30]}`, 'hub1');
  assert.equal(r.json.received_at, '2024-03-31T23:30:00+09:00');
  assert.equal(r.json.fiscal_year, 2023);
  assert.equal((await api(`/api/v1/consultations/${april}`, 'hub1')).json.fiscal_year, 2024);

  // Municipal staff see the region's figures; centres and professionals do not.
  assert.equal((await api('/api/v1/consultations/stats?fy=2023', 'm_honjo')).json.total, 31);
  assert.equal((await api('/api/v1/consultations/stats?fy=2023', 'c_honjo')).status, 403);
  assert.equal((await api('/api/v1/consultations/stats?fy=2023', 'prof')).status, 403);

  // Files: XLSX (a zip) and CSV (UTF-8 with BOM).
  r = await api('/api/v1/consultations/stats.xlsx?fy=2023', 'm_honjo');
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  assert.match(r.headers.get('content-disposition'), /consultations-fy2023\.xlsx/);
  r = await api('/api/v1/consultations/stats.csv?fy=2023', 'm_honjo');
  assert.equal(r.status, 200);
  assert.deepEqual([...r.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const csv = r.bytes.toString('utf8');
  assert.match(csv, /居住者別状況,112119,本庄市,20,64,0/);
  assert.match(csv, /相談内容,home_medical_nursing,訪問診療・訪問看護等,14,45,0/);
});

test(`bad input is refused with the fields named, and nothing is written (${ENGINE})`, async () => {
  const before = Number(sql(srv.db, 'SELECT COUNT(*) FROM consultations').trim());
  const good = fy2023()[0];
  let r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: { ...good, channel: 'pigeon', resident_municipality: '131016', content_categories: [] } });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.fields.map((f) => f.field).sort(), ['channel', 'content_categories', 'resident_municipality']);
  r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: { ...good, received_at: '2024-02-30T10:00:00+09:00' } });
  assert.equal(r.status, 400);
  assert.equal(r.json.fields[0].field, 'received_at');
  r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: { ...good, flags: 'no_relatives' } });
  assert.equal(r.status, 400);
  r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: '[1,2' });
  assert.equal(r.status, 400);
  r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: { ...good, receiver: 'center:nonexistent' } });
  assert.equal(r.status, 400);
  // A centre records only for itself.
  r = await api('/api/v1/consultations', 'c_honjo', { method: 'POST', body: { ...good, receiver: `center:${centerKamisato}` } });
  assert.equal(r.status, 400);
  r = await api('/api/v1/consultations', 'prof', { method: 'POST', body: good });
  assert.equal(r.status, 403);
  r = await api('/api/v1/consultations', 'm_honjo', { method: 'POST', body: good });
  assert.equal(r.status, 403);
  assert.equal(Number(sql(srv.db, 'SELECT COUNT(*) FROM consultations').trim()), before);
});

test(`who sees which case: centres, hand-overs, towns with a grant, guessed ids (${ENGINE})`, async () => {
  const base = { ...fy2023()[0], received_at: '2026-05-10T09:00:00+09:00', status: 'received' };
  let r = await api('/api/v1/consultations', 'c_honjo', { method: 'POST', body: { ...base, receiver: `center:${centerHonjo}`, summary: '本庄のセンターで受付' } });
  assert.equal(r.status, 201);
  const atHonjo = r.json.id;
  r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: { ...base, resident_municipality: '113859', summary: '拠点で受付、上里町の方' } });
  const atHub = r.json.id;

  assert.equal((await api(`/api/v1/consultations/${atHonjo}`, 'c_honjo')).status, 200);
  assert.equal((await api(`/api/v1/consultations/${atHonjo}`, 'hub2')).status, 200, 'the hub sees every case');
  assert.equal((await api(`/api/v1/consultations/${atHonjo}`, 'c_kamisato')).status, 404, "another centre's case");
  assert.equal((await api(`/api/v1/consultations/${atHub}`, 'c_kamisato')).status, 404, 'not yet handed over');
  assert.equal((await api('/api/v1/consultations/aaaaaaaaaaaaaaaaaaaaaaaaaa', 'hub1')).status, 404, 'a guessed id');
  assert.equal((await api(`/api/v1/consultations/${atHonjo}`, 'prof')).status, 403);
  assert.equal((await api(`/api/v1/consultations/${atHonjo}`, 'm_honjo')).status, 403, 'no grant yet');
  // Another centre cannot change it either.
  r = await api(`/api/v1/consultations/${atHonjo}/handover`, 'c_kamisato', { method: 'POST', body: { to: `center:${centerKamisato}`, reason: 'x' } });
  assert.equal(r.status, 404);

  // The hub hands its case to 上里町's centre: both see the trail.
  r = await api(`/api/v1/consultations/${atHub}/handover`, 'hub1', { method: 'POST', body: { to: `center:${centerKamisato}`, reason: '' } });
  assert.equal(r.status, 400, 'a hand-over needs a reason');
  r = await api(`/api/v1/consultations/${atHub}/handover`, 'hub1', { method: 'POST', body: { to: `center:${centerKamisato}`, reason: '独居で見守りが必要' } });
  assert.equal(r.status, 200);
  for (const who of ['hub1', 'c_kamisato']) {
    r = await api(`/api/v1/consultations/${atHub}`, who);
    assert.equal(r.status, 200, who);
    assert.equal(r.json.assigned_to, `center:${centerKamisato}`);
    const h = r.json.actions.find((a) => a.kind === 'handover');
    assert.deepEqual([h.by, h.from, h.to, h.note], ['hub1', 'hub', `center:${centerKamisato}`, '独居で見守りが必要']);
  }
  assert.equal((await api(`/api/v1/consultations/${atHub}`, 'c_honjo')).status, 404);
  r = await api('/api/v1/consultations?status=open', 'c_kamisato');
  assert.deepEqual(r.json.items.map((c) => c.id), [atHub]);
  r = await api('/api/v1/consultations?status=open', 'c_honjo');
  assert.deepEqual(r.json.items.map((c) => c.id), [atHonjo]);

  // An admin lets 本庄市's staff read their residents' cases: read only, their town only.
  assert.equal((await api(`/api/v1/admin/users/${userId('m_honjo')}/consultation-grant`, 'hub1', { method: 'PUT' })).status, 403);
  assert.equal((await api(`/api/v1/admin/users/${userId('prof')}/consultation-grant`, 'boss', { method: 'PUT' })).status, 400);
  assert.equal((await api(`/api/v1/admin/users/${userId('m_honjo')}/consultation-grant`, 'boss', { method: 'PUT' })).status, 200);
  assert.equal((await api(`/api/v1/consultations/${atHonjo}`, 'm_honjo')).status, 200);
  assert.equal((await api(`/api/v1/consultations/${atHub}`, 'm_honjo')).status, 404, "another town's resident");
  r = await api(`/api/v1/consultations/${atHonjo}/actions`, 'm_honjo', { method: 'POST', body: { kind: 'note', note: 'x' } });
  assert.equal(r.status, 404, 'read only');
  r = await api('/api/v1/consultations?status=', 'm_honjo');
  assert.ok(r.json.items.length > 0);
  assert.ok(r.json.items.every((c) => c.resident_municipality === '112119'));
  assert.equal((await api(`/api/v1/admin/users/${userId('m_honjo')}/consultation-grant`, 'boss', { method: 'DELETE' })).status, 200);
  assert.equal((await api(`/api/v1/consultations/${atHonjo}`, 'm_honjo')).status, 403);

  // Every view and change is in the audit log, refusals too.
  const audit = (action, id) => Number(sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}' AND subject = 'consultation:${id}'`).trim());
  assert.ok(audit('consultation.viewed', atHonjo) >= 3);
  assert.equal(audit('consultation.created', atHub), 1);
  assert.equal(audit('consultation.handed_over', atHub), 1);
  assert.ok(audit('consultation.denied', atHonjo) >= 2);
  assert.equal(audit('consultation.denied', 'aaaaaaaaaaaaaaaaaaaaaaaaaa'), 1);
  assert.equal(srv.cli(['audit', 'verify']).status, 0);
});

function userId(login) {
  return sql(srv.db, `SELECT id FROM users WHERE login = '${login}'`).trim();
}

test(`follow-ups: overdue cases come first; stale edits are refused (${ENGINE})`, async () => {
  const base = { ...fy2023()[1], received_at: '2026-06-01T09:00:00+09:00', status: 'in_progress', summary: '期限切れのフォロー' };
  let r = await api('/api/v1/consultations', 'hub1', { method: 'POST', body: base });
  const id = r.json.id;
  r = await api(`/api/v1/consultations/${id}/followups`, 'hub1', { method: 'POST', body: { due_date: '2026-06-05', owner: 'hub2', note: '電話で確認' } });
  assert.equal(r.status, 201);
  r = await api(`/api/v1/consultations/${id}/followups`, 'hub1', { method: 'POST', body: { due_date: '2026-06-05', owner: 'prof' } });
  assert.equal(r.status, 400, 'only people who handle consultations own follow-ups');
  r = await api('/api/v1/consultations?status=open', 'hub1');
  assert.equal(r.json.items[0].id, id);
  assert.equal(r.json.items[0].next_due, '2026-06-05');

  r = await api(`/api/v1/consultations/${id}`, 'hub1');
  const fid = r.json.followups[0].id;
  const version = r.json.version;
  assert.equal((await api(`/api/v1/consultations/${id}`, 'hub2', { method: 'PUT', body: { ...base, summary: '修正', version } })).status, 200);
  r = await api(`/api/v1/consultations/${id}`, 'hub1', { method: 'PUT', body: { ...base, summary: '古い画面から', version } });
  assert.equal(r.status, 409);
  assert.equal((await api(`/api/v1/consultations/${id}`, 'hub1')).json.summary, '修正');

  const done = await fetch(`${srv.base}/api/v1/consultations/${id}/status`, { method: 'POST', headers: { authorization: `Bearer ${tokens.hub1}`, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'closed' }) });
  assert.equal(done.status, 200);
  r = await api(`/api/v1/consultations/${id}`, 'hub1');
  assert.equal(r.json.status, 'closed');
  assert.ok(r.json.closed_at);
  assert.equal(r.json.followups[0].id, fid);
});

test(`a past year's spreadsheet is imported with a column mapping and a preview (${ENGINE})`, async () => {
  const { client } = await loginThroughPages(srv.base, 'hub2', 'hub2-initial-pass', { newPassword: 'hub2-password-22' });
  const csv = '\ufeff' + [
    '相談日,方法,相談者,居住地,相談内容,困難,概要',
    'R4/5/12,電話,ケアマネ,本庄市,訪問診療・訪問看護等、認知症,身寄りなし,訪問診療の相談',
    '2022/6/1,来所,家族,上里町,在宅・看取り,,看取りの相談',
    'R4/7/20,FAX,医療機関（県外）,郡市外,入退院,,"退院の相談\n（複数行）"',
    'R4/8/1,電話,家族,東京都,入退院,,町が読めない',
    '',
  ].join('\r\n');
  await client.get('/consultations/import');
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('file', new Blob([csv]), '相談記録_R4.csv');
  let r = await fetch(srv.base + '/consultations/import', { method: 'POST', body: form, headers: { cookie: client.cookieHeader() }, redirect: 'manual' });
  assert.equal(r.status, 303);
  const preview = r.headers.get('location');
  r = await client.get(preview);
  assert.equal(r.status, 200);
  assert.match(r.text, /<strong>3<\/strong>/);
  // The third row's summary spans two lines: the bad row starts on line 6.
  assert.match(r.text, /<td>6<\/td><td>対象者の住所地（選択肢にない値です。）/);
  assert.match(r.text, /id="map_received_at" name="map_received_at"><option value="">[^]*?<option value="0" selected>相談日/);
  assert.equal(Number(sql(srv.db, "SELECT COUNT(*) FROM consultations WHERE fiscal_year = 2022").trim()), 0, 'a preview writes nothing');
  // Another account cannot use the upload.
  assert.equal((await api(preview.replace('/consultations', '/consultations'), 'hub1')).status, 404);
  r = await client.post(preview, { mapped: '1', map_received_at: '0', map_channel: '1', map_requester_category: '2', map_resident_municipality: '3',
    map_content_categories: '4', map_flags: '5', map_summary: '6' });
  assert.equal(r.status, 200);
  assert.match(r.text, /3件を取り込みました/);
  assert.match(r.text, /取り込まなかった行：6/);
  const s = (await api('/api/v1/consultations/stats?fy=2022', 'hub1')).json;
  assert.equal(s.total, 3);
  assert.equal(row(s, 'by_requester', 'care_manager').count, 1);
  assert.equal(row(s, 'by_requester', 'medical_out_pref').count, 1);
  assert.equal(row(s, 'by_municipality', 'outside').count, 1);
  assert.equal(row(s, 'by_flag', 'no_relatives').count, 1);
  assert.equal(row(s, 'by_content', 'dementia').count, 1);
  // The file is gone after the import.
  assert.equal((await client.get(preview)).status, 404);
  // Centres cannot import.
  const { client: c } = await loginThroughPages(srv.base, 'c_honjo', 'c_honjo-initial-pass', { newPassword: 'c-honjo-password-22' });
  assert.equal((await c.get('/consultations/import')).status, 403);
});

test(`the pages: a case recorded, handed over and shown in the statistics (${ENGINE})`, async () => {
  const { client } = await loginThroughPages(srv.base, 'hub1', 'hub1-initial-pass', { newPassword: 'hub1-password-22' });
  let r = await client.get('/consultations/new');
  assert.equal(r.status, 200);
  r = await client.post('/consultations', { received_date: '2026-07-01', received_time: '10:15', channel: 'phone', receiver: 'hub',
    requester_category: 'family', resident_municipality: '112119', content_categories: 'home_medical_nursing', summary: '<script>alert(1)</script>訪問診療の相談' });
  assert.equal(r.status, 303);
  const id = /\/consultations\/([a-z2-7]{26})/.exec(r.location)[1];
  r = await client.get(r.location);
  assert.match(r.text, /相談を受け付けました/);
  assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;訪問診療の相談/);
  r = await client.post(`/consultations/${id}/handover`, { to: `center:${centerHonjo}`, reason: 'センターの訪問が必要' });
  assert.equal(r.status, 303);
  r = await client.get(r.location);
  assert.match(r.text, /引き継ぎました/);
  assert.match(r.text, /在宅医療連携拠点 → 本庄市地域包括支援センター/);
  // Follow-ups are owned by people who handle consultations, chosen from a list (the author first).
  assert.match(r.text, /<select name="owner">[^]*<option value="hub1" selected>/);
  assert.doesNotMatch(r.text.match(/<select name="owner">[^]*?<\/select>/)[0], /m_honjo|prof/);
  r = await client.post(`/consultations/${id}/followups`, { due_date: '2026-07-10', owner: 'c_honjo', note: '訪問の結果を聞く' });
  assert.equal(r.status, 303);
  r = await client.get(r.location);
  assert.match(r.text, /c_honjo：訪問の結果を聞く/);
  // A form with problems comes back with what was typed and the problems named.
  r = await client.post('/consultations', { received_date: '2026-07-01', channel: 'phone', receiver: 'hub', requester_category: 'family',
    resident_municipality: '', summary: '残っているはず' });
  assert.equal(r.status, 400);
  assert.match(r.text, /対象者の住所地：入力してください/);
  assert.match(r.text, /残っているはず/);
  r = await client.get('/consultations/stats?fy=2023');
  assert.equal(r.status, 200);
  assert.match(r.text, /<strong>31<\/strong>/);
  assert.match(r.text, /<th scope="row">本庄市<\/th><td class="num">20<\/td><td class="num">64<\/td>/);
  assert.match(r.text, /<svg class="chart"/);
  // CSRF on the forms.
  r = await client.request('POST', `/consultations/${id}/status`, { form: { status: 'closed' } });
  assert.equal(r.status, 403);
});
