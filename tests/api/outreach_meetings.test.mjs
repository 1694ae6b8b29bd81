// Public awareness (item キ) and meetings among the towns (item ク): the seed's FY2023 figures rebuilt
// through the API (2,342 DVD viewers, articles in four towns; 16 + 1 + 2 meetings and two councils),
// the lecturer bank answering a residents' request, minutes rendered without script, action items on
// their owner's home page, and refusals for roles that keep neither.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loginThroughPages, ENGINE, apiClient } from './harness.mjs';

let srv;
const tokens = {};
const api = apiClient(() => srv.base, tokens);

before(async () => {
  srv = await startServer();
  const clinic = srv.cli(['org', 'add', '--name', 'みどり在宅クリニック', '--kind', 'clinic', '--municipality', '112119']).stdout.trim().split('\n').pop();
  for (const [login, role, extra] of [['m_honjo', 'municipal_staff', ['--municipality', '112119']], ['m_kamisato', 'municipal_staff', ['--municipality', '113859']],
    ['prof', 'professional', ['--org', clinic]], ['boss', 'admin', []]]) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass\n` }).status, 0);
    tokens[login] = srv.cli(['token', 'create', '--login', login, '--name', 't']).stdout.trim().split('\n').pop();
  }
});
after(async () => { await srv.stop(); });

test(`FY2023 outreach: 2,342 DVD viewers and articles in four towns (${ENGINE})`, async () => {
  // Each town writes its own newsletter article (an administrator for the two towns without staff here);
  // another town's staff cannot record one for them.
  for (const [who, town] of [['m_honjo', '112119'], ['boss', '113816'], ['boss', '113832'], ['m_kamisato', '113859']])
    assert.equal((await api('/api/v1/outreach', who, { method: 'POST', body: { kind: 'newsletter', municipality: town, date: '2023-11-01', topic: '人生会議（ACP）', acp: true } })).status, 201);
  assert.equal((await api('/api/v1/outreach', 'm_honjo', { method: 'POST', body: { kind: 'newsletter', municipality: '113859', date: '2023-11-02', topic: 'x' } })).status, 403);
  for (const [date, reach] of [['2023-06-14', 412], ['2023-07-12', 398], ['2023-08-09', 405], ['2023-09-13', 377], ['2023-10-11', 381], ['R5/11/8', 369]]) {
    const r = await api('/api/v1/outreach', 'm_honjo', { method: 'POST', body: { kind: 'dvd_screening', municipality: '112119', date, reach, topic: 'ACP DVD', acp: true } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
  }
  const s = (await api('/api/v1/outreach/summary?fy=2023', 'm_honjo')).json;
  assert.equal(s.activities, 10);
  assert.equal(s.reach, 2342);
  const kind = (k) => s.by_kind.find((x) => x.kind === k);
  assert.deepEqual([kind('dvd_screening').count, kind('dvd_screening').reach], [6, 2342]);
  assert.deepEqual([kind('newsletter').count, kind('newsletter').reach], [4, 0]);
  assert.equal(s.by_municipality.filter((x) => x.count > 0).length, 4);
  assert.equal((await api('/api/v1/outreach', 'm_honjo', { method: 'POST', body: { kind: 'dvd_screening', date: '2023-13-01', reach: -5 } })).status, 400);
  assert.equal((await api('/api/v1/outreach', 'prof', { method: 'POST', body: { kind: 'web', date: '2023-11-01' } })).status, 403);
  assert.equal((await api('/api/v1/outreach/summary?fy=2023', 'prof')).status, 403);
  assert.equal((await api('/api/v1/outreach/summary.xlsx?fy=2023', 'm_honjo')).status, 200);
});

test(`a residents' group asks for a talk; a lecturer from the bank gives it; it counts (${ENGINE})`, async () => {
  const { client: staff } = await loginThroughPages(srv.base, 'm_kamisato', 'm_kamisato-initial-pass', { newPassword: 'm-kamisato-pass-22' });
  let r = await staff.get('/admin/outreach/lecturers');
  r = await staff.post('/admin/outreach/lecturers', { name: '講師 一郎', profession: '医師', affiliation: 'みどり在宅クリニック', topics: '人生会議' });
  assert.equal(r.status, 303);

  const resident = new Client(srv.base);
  let page = await resident.get('/acp');
  assert.equal(page.status, 200);
  assert.match(page.text, /人生会議/);
  await resident.get('/acp/request');
  r = await resident.post('/acp/request', { group_name: 'ふれあいサロン', contact_name: '申込 太郎', phone: '0495-00-1234', municipality: '113859', topic: '人生会議の始め方', audience_size: '20' });
  assert.equal(r.status, 200);
  assert.match(r.text, /K-[2-9A-HJ-NP-Z]{6}/);
  r = await resident.post('/acp/request', { group_name: '', contact_name: '', municipality: '' });
  assert.equal(r.status, 400);

  page = await staff.get('/admin/outreach/requests');
  assert.match(page.text, /ふれあいサロン/);
  const rid = /\/admin\/outreach\/requests\/([a-z2-7]{26})\/assign/.exec(page.text)[1];
  const lid = /<option value="([a-z2-7]{26})">講師 一郎/.exec(page.text)[1];
  assert.equal((await staff.post(`/admin/outreach/requests/${rid}/held`, { date: '2026-07-01', attendance: '18' })).location, '/admin/outreach/requests?error=not_assigned');
  assert.equal((await staff.post(`/admin/outreach/requests/${rid}/assign`, { lecturer_id: lid })).status, 303);
  assert.equal((await staff.post(`/admin/outreach/requests/${rid}/held`, { date: '2026-07-01', attendance: '18' })).location, '/admin/outreach/requests');
  const s = (await api('/api/v1/outreach/summary?fy=2026', 'm_honjo')).json;
  const talk = s.by_kind.find((x) => x.kind === 'outreach_talk');
  assert.deepEqual([talk.count, talk.reach], [1, 18]);
  assert.equal(s.acp_reach, 18);
  // Requests hold residents' contact details: staff only.
  const { client: doctor } = await loginThroughPages(srv.base, 'prof', 'prof-initial-pass', { newPassword: 'prof-password-22' });
  assert.equal((await doctor.get('/admin/outreach/requests')).status, 403);
});

test(`FY2023 meetings: 16, 1, 2 and two councils; minutes without script; action items (${ENGINE})`, async () => {
  const add = (kind, held_at, title, extra = {}) => api('/api/v1/meetings', 'm_honjo', { method: 'POST', body: { kind, held_at, title, place: '本庄市役所', ...extra } });
  for (let i = 0; i < 16; i++) {
    const month = ((i % 12) + 4 - 1) % 12 + 1;
    const year = month >= 4 ? 2023 : 2024;
    assert.equal((await add('municipal_staff', `${year}-${String(month).padStart(2, '0')}-${String(5 + Math.floor(i / 12) * 10).padStart(2, '0')}T10:00:00+09:00`, `第${i + 1}回 市町担当者会議`)).status, 201);
  }
  await add('hub_staff', '2023-08-24T14:00:00+09:00', '拠点・市町担当者会議');
  await add('section_chiefs', '2023-05-30T15:00:00+09:00', '課長会議 1');
  await add('section_chiefs', '2024-01-30T15:00:00+09:00', '課長会議 2');
  await add('council', 'R5/6/23 14:00', '第1回 協議会');
  const council = await add('council', '2024-02-09T14:00:00+09:00', '第2回 協議会', {
    minutes: '## 議事\n\n- **計画（案）** を承認\n\n<script>alert(1)</script>\n\n[危ない](javascript:alert(2)) [資料](https://example.jp/a.pdf)',
    attendees: [{ name: '会長', organization: '医師会' }, { login: 'm_honjo' }] });
  // The first minutes of FY2024 are not FY2023's.
  await add('municipal_staff', '2024-04-01T00:00:00+09:00', '年度初め');
  const s = (await api('/api/v1/meetings/summary?fy=2023', 'm_honjo')).json;
  assert.equal(s.meetings, 21);
  const count = (k) => s.by_kind.find((x) => x.kind === k).count;
  assert.deepEqual([count('municipal_staff'), count('hub_staff'), count('section_chiefs'), count('council')], [16, 1, 2, 2]);
  assert.equal((await api('/api/v1/meetings/summary?fy=2024', 'm_honjo')).json.meetings, 1);
  assert.equal((await api('/api/v1/meetings/summary?fy=2023', 'prof')).status, 403);
  assert.equal((await api('/api/v1/meetings', 'm_honjo', { method: 'POST', body: { kind: 'party', held_at: '2023-05-01', title: 'x' } })).status, 400);

  const { client: honjo } = await loginThroughPages(srv.base, 'm_honjo', 'm_honjo-initial-pass', { newPassword: 'm-honjo-pass-22' });
  let page = await honjo.get(`/meetings/${council.json.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2>議事<\/h2>/);
  assert.match(page.text, /<strong>計画（案）<\/strong>/);
  assert.doesNotMatch(page.text, /<script>alert/);
  assert.doesNotMatch(page.text, /javascript:/);
  assert.match(page.text, /href="https:\/\/example.jp\/a.pdf"/);
  const detail = (await api(`/api/v1/meetings/${council.json.id}`, 'm_honjo')).json;
  assert.deepEqual(detail.attendees.map((a) => a.login), ['', 'm_honjo']);

  // An action item for 本庄市 stays on its home page until done.
  const act = await api(`/api/v1/meetings/${council.json.id}/actions`, 'boss', { method: 'POST', body: { title: '次年度計画の数値を確認する', owner: 'm_honjo', due_date: '2024-02-20' } });
  assert.equal(act.status, 201);
  page = await honjo.get('/');
  assert.match(page.text, /次年度計画の数値を確認する/);
  const r = await honjo.post(`/meetings/actions/${act.json.id}/done`, { back: '/' });
  assert.equal(r.status, 303);
  page = await honjo.get('/');
  assert.doesNotMatch(page.text, /次年度計画の数値を確認する/);

  // Admins add kinds; others cannot.
  const { client: admin } = await loginThroughPages(srv.base, 'boss', 'boss-initial-pass', { newPassword: 'boss-password-2222' });
  await admin.get('/admin/meeting-kinds');
  assert.equal((await admin.post('/admin/meeting-kinds', { code: 'acp_wg', label: 'ACP部会' })).status, 303);
  assert.equal((await api('/api/v1/meetings', 'm_honjo', { method: 'POST', body: { kind: 'acp_wg', held_at: '2026-05-01 10:00', title: 'ACP部会' } })).status, 201);
  assert.equal((await honjo.get('/admin/meeting-kinds')).status, 403);
});
