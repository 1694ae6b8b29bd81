// Training and events (item カ): the seed's FY2023 year rebuilt through the API gives its figures;
// registration with capacity and a waiting list, cancellation by link moves the list up, check-in
// counts attendance, e-mail confirmations through SMTP when configured, calendars a real parser reads,
// rate limits on public forms, and nothing about other registrants leaks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startServer, startSmtp, Client, ENGINE, apiClient } from './harness.mjs';

let srv, smtp;
const tokens = {};
const mails = [];

const api = apiClient(() => srv.base, tokens);

before(async () => {
  smtp = await startSmtp(mails);
  srv = await startServer({ env: { RENKEI_SMTP_URL: `smtp://127.0.0.1:${smtp.address().port}`, RENKEI_SMTP_FROM: 'renkei@example.jp', RENKEI_PUBLIC_URL: 'https://renkei.example.jp', RENKEI_PUBLIC_FORM_LIMIT: '200' } });
  const clinic = srv.cli(['org', 'add', '--name', 'みどり在宅クリニック', '--kind', 'clinic', '--municipality', '112119']).stdout.trim().split('\n').pop();
  for (const [login, role, extra] of [['m_honjo', 'municipal_staff', ['--municipality', '112119']], ['hub1', 'hub_coordinator', []], ['prof', 'professional', ['--org', clinic]]]) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass\n` }).status, 0);
    tokens[login] = srv.cli(['token', 'create', '--login', login, '--name', 't']).stdout.trim().split('\n').pop();
  }
});
after(async () => { await srv.stop(); smtp.close(); });

test(`the seed's FY2023 training gives its figures (${ENGINE})`, async () => {
  const events = [
    { title: '（SDM）意思決定支援セミナー', kind: 'seminar', starts_at: '2023-05-23T14:00:00+09:00', ends_at: '2023-05-23T16:00:00+09:00', venue: '本庄市役所 6階大会議室', reported_attendance: 50 },
    { title: '緩和ケアにおける地域連携構築会議', kind: 'meeting', starts_at: '2023-10-19T19:00:00+09:00', ends_at: '2023-10-19T20:30:00+09:00', venue: '本庄市児玉郡医師会館', reported_attendance: 30 },
    { title: '多職種連携を考える会', kind: 'interprofessional', starts_at: '2023-11-17T14:00:00+09:00', ends_at: '2023-11-17T16:30:00+09:00', venue: '神川町役場 3階大会議室', reported_attendance: 54,
      lecturers: [{ name: '内田英一', affiliation: 'うちだ福祉相談事務所' }], scenes: ['admission_discharge'] },
    { title: '下書きの研修', kind: 'training', starts_at: '2023-12-01T14:00:00+09:00', status: 'draft' },
  ];
  for (const e of events) {
    const r = await api('/api/v1/events', 'm_honjo', { method: 'POST', body: { status: 'held', program_item: 'f', ...e } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.match(r.json.id, /^[a-z2-7]{26}$/);
  }
  const s = (await api('/api/v1/events/summary?fy=2023', 'm_honjo')).json;
  assert.equal(s.events, 3, 'drafts do not count');
  assert.equal(s.registered, 134);
  assert.equal(s.attended, 134);
  const kind = (k) => s.by_kind.find((x) => x.kind === k);
  assert.deepEqual([kind('seminar').count, kind('seminar').attended], [1, 50]);
  assert.deepEqual([kind('interprofessional').count, kind('interprofessional').attended], [1, 54]);
  assert.equal((await api('/api/v1/events/summary?fy=2023', 'prof')).status, 403);
  const x = await api('/api/v1/events/summary.xlsx?fy=2023', 'm_honjo');
  assert.equal(x.status, 200);
  // The public sees what is not a draft; staff see drafts too.
  assert.equal((await api('/api/v1/events?fy=2023')).json.items.length, 3);
  assert.equal((await api('/api/v1/events?fy=2023', 'm_honjo')).json.items.length, 4);
  const bad = await api('/api/v1/events', 'm_honjo', { method: 'POST', body: { title: '', kind: 'party', starts_at: 'someday' } });
  assert.equal(bad.status, 400);
  assert.equal((await api('/api/v1/events', 'prof', { method: 'POST', body: events[0] })).status, 403);
});

test(`registration: capacity, waiting list, cancel by link, check-in, e-mail (${ENGINE})`, async () => {
  let r = await api('/api/v1/events', 'hub1', { method: 'POST', body: { title: '多職種連携研修', kind: 'training', starts_at: '2030-12-10T14:00:00+09:00',
    ends_at: '2030-12-10T16:00:00+09:00', capacity: 2, status: 'open', venue: '本庄市役所' } });
  const id = r.json.id;
  const reg = (name, extra = {}) => api(`/api/v1/events/${id}/registrations`, null, { method: 'POST', body: { name, municipality: '112119', phone: '0495-00-0000', profession: 'nurse', ...extra } });
  const a = await reg('青木', { email: 'aoki@example.jp', organization_kind: 'home_nursing' });
  assert.equal(a.status, 201);
  assert.equal(a.json.status, 'registered');
  assert.match(a.json.reference, /^R-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  assert.equal(Object.keys(a.json).sort().join(','), 'cancel_url,id,reference,status', 'nothing about anyone else');
  const b = await reg('石井', { profession: 'care_manager' });
  const c = await reg('上田', { email: 'ueda@example.jp' });
  assert.equal(b.json.status, 'registered');
  assert.equal(c.json.status, 'waitlisted');
  assert.equal((await reg('', {})).status, 400);
  assert.equal((await reg('連絡先なし', { phone: '' })).status, 400);

  // The confirmation went out by SMTP, in Japanese, with the reference and the cancel link.
  for (let i = 0; i < 50 && mails.length < 2; i++) await new Promise((res) => setTimeout(res, 100));
  const mail = mails.find((m) => /To: aoki@example.jp/.test(m));
  assert.ok(mail, 'a confirmation mail');
  assert.match(mail, /Subject: =\?UTF-8\?B\?/);
  const body = Buffer.from(mail.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8');
  assert.match(body, new RegExp(a.json.reference));
  // The link comes from public_url, whatever Host the registering client sent.
  assert.match(body, /https:\/\/renkei\.example\.jp\/events\/cancel\/[0-9a-f]{48}/);

  // Only staff see the list of registrants.
  assert.equal((await api(`/api/v1/events/${id}/registrations`)).status, 401);
  assert.equal((await api(`/api/v1/events/${id}/registrations`, 'prof')).status, 403);
  r = await api(`/api/v1/events/${id}/registrations`, 'hub1');
  assert.deepEqual(r.json.items.map((x) => [x.name, x.status]), [['青木', 'registered'], ['石井', 'registered'], ['上田', 'waitlisted']]);

  // Cancelling through the link's page moves the waiting list up.
  const browser = new Client(srv.base);
  const cancelPath = new URL(a.json.cancel_url).pathname;
  let page = await browser.get(cancelPath);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(a.json.reference));
  assert.doesNotMatch(page.text, /石井|上田/, 'no other registrant on the page');
  page = await browser.post(cancelPath, {});
  assert.equal(page.status, 303);
  r = await api(`/api/v1/events/${id}/registrations`, 'hub1');
  assert.deepEqual(r.json.items.map((x) => x.status), ['cancelled', 'registered', 'registered']);
  assert.equal((await browser.get('/events/cancel/' + 'f'.repeat(48))).status, 404);

  // Check-in at the door counts attendance.
  const ishii = r.json.items[1].id;
  assert.equal((await api(`/api/v1/events/${id}/registrations/${ishii}`, 'hub1', { method: 'PATCH', body: { attended: true } })).status, 200);
  assert.equal((await api(`/api/v1/events/${id}/registrations/${ishii}`, 'prof', { method: 'PATCH', body: { attended: true } })).status, 403);
  const e = (await api(`/api/v1/events/${id}`)).json;
  assert.deepEqual([e.registered, e.waitlisted, e.attended, e.capacity], [2, 0, 1, 2]);
  const s = (await api('/api/v1/events/summary?fy=2030', 'hub1')).json;
  assert.equal(s.attended, 1);
  assert.equal(s.by_profession.find((x) => x.code === 'care_manager').attended, 1);
  assert.equal(s.by_municipality.find((x) => x.code === '112119').registered, 2);

  // A draft is not public; a closed event takes no registrations.
  r = await api('/api/v1/events', 'hub1', { method: 'POST', body: { title: '下書き', kind: 'training', starts_at: '2030-12-11T14:00:00+09:00', status: 'draft' } });
  assert.equal((await api(`/api/v1/events/${r.json.id}`)).status, 404);
  assert.equal((await api(`/api/v1/events/${r.json.id}/registrations`, null, { method: 'POST', body: { name: 'x', municipality: '112119', phone: '1' } })).status, 404);
  r = await api('/api/v1/events', 'hub1', { method: 'POST', body: { title: '締切済み', kind: 'training', starts_at: '2030-12-12T14:00:00+09:00', status: 'closed' } });
  assert.equal((await api(`/api/v1/events/${r.json.id}/registrations`, null, { method: 'POST', body: { name: 'x', municipality: '112119', phone: '1' } })).status, 409);
});

test(`calendars parse as RFC 5545 in Japan time (${ENGINE})`, async () => {
  const r = await api('/api/v1/events', 'hub1', { method: 'POST', body: { title: '人生会議の講演会; 入門, 第1回', kind: 'lecture', starts_at: '2030-01-15T18:30:00+09:00',
    ends_at: '2030-01-15T20:00:00+09:00', status: 'open', venue: '上里町役場', description: 'どなたでも参加できます。\n申し込みはWebから。' } });
  const ics = await (await fetch(`${srv.base}/events/${r.json.id}/calendar.ics`)).text();
  assert.ok(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
  const cal = new ICAL.Component(ICAL.parse(ics));
  const vevent = cal.getFirstSubcomponent('vevent');
  const tz = new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone'));
  ICAL.TimezoneService.register(tz);
  const ev = new ICAL.Event(vevent);
  assert.equal(ev.summary, '人生会議の講演会; 入門, 第1回');
  assert.equal(ev.description, 'どなたでも参加できます。\n申し込みはWebから。');
  assert.equal(ev.startDate.zone.tzid, 'Asia/Tokyo');
  assert.equal(ev.startDate.toUnixTime(), Date.parse('2030-01-15T18:30:00+09:00') / 1000);
  assert.equal(ev.endDate.toUnixTime(), Date.parse('2030-01-15T20:00:00+09:00') / 1000);
  const all = new ICAL.Component(ICAL.parse(await (await fetch(`${srv.base}/events.ics`)).text()));
  assert.ok(all.getAllSubcomponents('vevent').length >= 1);
});

test(`evaluations by link, and public forms are rate-limited (${ENGINE})`, async () => {
  const limited = await startServer({ env: { RENKEI_PUBLIC_FORM_LIMIT: '3' } });
  try {
    limited.cli(['user', 'add', '--login', 'staff', '--role', 'hub_coordinator'], { input: 'staff-initial-pass\n' });
    const t = limited.cli(['token', 'create', '--login', 'staff', '--name', 't']).stdout.trim().split('\n').pop();
    let r = await fetch(`${limited.base}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '研修', kind: 'training', starts_at: '2030-02-01T14:00:00+09:00', status: 'open' }) });
    const id = (await r.json()).id;
    const c = new Client(limited.base);
    await c.get(`/events/${id}/evaluation`);
    for (const score of ['5', '4']) assert.equal((await c.post(`/events/${id}/evaluation`, { satisfaction: score, useful: '事例が具体的' })).status, 200);
    assert.equal((await c.post(`/events/${id}/evaluation`, { satisfaction: '9' })).status, 400);
    r = await c.post(`/events/${id}/evaluation`, { satisfaction: '3' });
    assert.equal(r.status, 429, 'the fourth public form from one address within the window');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    const staffPage = await fetch(`${limited.base}/api/v1/events/${id}`, { headers: { authorization: `Bearer ${t}` } });
    assert.equal(staffPage.status, 200, 'staff work is not limited');
  } finally {
    await limited.stop();
  }
});
