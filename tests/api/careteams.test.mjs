// Care teams (item エ): a professional registers a person at home, records consent, invites the team
// through the directory, and the team writes one timeline with structured entries and 「確認しました」.
// And the attacks: non-members (an administrator and a hub coordinator included) get the same 404 as a
// guessed id for the record, the timeline, the summary and every change; a member's token lists only
// that member's teams; a removed member loses access on the next request; nothing but the name before
// consent; implausible readings refused with nothing written; every view in the audit log. Both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, ENGINE, apiClient } from './harness.mjs';

let srv;
const tokens = {};
const ids = {};
const api = apiClient(() => srv.base, tokens);
const last = (r) => r.stdout.trim().split('\n').pop();

before(async () => {
  srv = await startServer();
  const org = (name, kind, town) => last(srv.cli(['org', 'add', '--name', name, '--kind', kind, '--municipality', town]));
  ids.clinic = org('テスト在宅クリニック', 'clinic', '112119');
  ids.nursing = org('テスト訪問看護ステーション', 'home_nursing', '112119');
  ids.kyotaku = org('テスト居宅介護支援事業所', 'care_management', '113859');
  ids.hub = org('テスト在宅医療連携拠点', 'hub', '112119');
  const people = [
    ['doc', 'professional', ['--org', ids.clinic, '--profession', 'doctor', '--name', '在宅 医師']],
    ['nurse', 'professional', ['--org', ids.nursing, '--profession', 'visiting_nurse', '--name', '訪問 看護師']],
    ['cm', 'professional', ['--org', ids.kyotaku, '--profession', 'care_manager', '--name', '介護 支援']],
    ['other', 'professional', ['--org', ids.nursing, '--profession', 'visiting_nurse', '--name', '別の 看護師']],
    ['hubc', 'hub_coordinator', ['--org', ids.hub]],
    ['boss', 'admin', []],
    ['town', 'municipal_staff', ['--municipality', '112119']],
  ];
  for (const [login, role, extra] of people) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass-1\n` }).status, 0);
    tokens[login] = last(srv.cli(['token', 'create', '--login', login, '--name', 't']));
    ids[login] = (await api('/api/v1/me', login)).json.id;
  }
});
after(async () => { await srv.stop(); });

const person = {
  name: '連携 ハナ', kana: 'れんけい はな', birth_date: 'S13/5/12', sex: 'female', municipality: '112119',
  address: '本庄市テスト町1-2-3', phone: '0495-00-0000', care_level: 'care_3', diseases: 'COPD',
  medicines: 'アムロジピン錠5mg', allergies: 'ペニシリン', devices: ['oxygen'], places: { clinic_id: '', nursing_id: '' },
};

async function newTeam(who = 'doc', { consent = true, name = person.name, kana = person.kana } = {}) {
  const body = { ...person, name, kana, places: { clinic_id: ids.clinic, nursing_id: ids.nursing } };
  if (consent) body.consent = { date: '2026-11-01', method: 'written', by: '本人' };
  const r = await api('/api/v1/teams', who, { method: 'POST', body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json.id;
}

test(`a team: the record, consent, invitation, structured posts and confirmations (${ENGINE})`, async () => {
  const id = await newTeam('doc', { consent: false });
  // Before consent: the name and the members, nothing else; no posts.
  let r = await api(`/api/v1/teams/${id}`, 'doc');
  assert.equal(r.status, 200);
  assert.equal(r.json.consented, false);
  assert.equal(r.json.name, '連携 ハナ');
  assert.equal(r.json.medicines, undefined, 'nothing but the name before consent');
  r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: 'まだ書けない' } });
  assert.equal(r.status, 409);
  r = await api(`/api/v1/teams/${id}/consent`, 'doc', { method: 'POST', body: { date: 'R8/11/1', method: 'proxy', by: '長女' } });
  assert.equal(r.status, 200);
  r = await api(`/api/v1/teams/${id}`, 'doc');
  assert.equal(r.json.consented, true);
  assert.equal(r.json.consent_date, '2026-11-01', '和暦 read as a date');
  assert.equal(r.json.birth_date, '1938-05-12');
  assert.deepEqual(r.json.devices, ['oxygen']);
  assert.equal(r.json.places.clinic_id, ids.clinic);
  // The nurse is invited, sees the invitation with the name only, and joins.
  assert.equal((await api(`/api/v1/teams/${id}`, 'nurse')).status, 404, 'an invitee is not a member yet');
  assert.equal((await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } })).status, 201);
  assert.equal((await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } })).status, 409);
  let list = (await api('/api/v1/teams', 'nurse')).json;
  assert.deepEqual(list.invitations.map((i) => [i.id, i.name]), [[id, '連携 ハナ']]);
  assert.equal(list.teams.length, 0);
  assert.equal((await api(`/api/v1/teams/${id}/answer`, 'nurse', { method: 'POST', body: { accept: true } })).status, 200);
  // Vital signs with units and ranges; an implausible reading is refused with nothing written.
  const posts = () => Number(sql(srv.db, `SELECT COUNT(*) FROM team_posts WHERE patient_id = '${id}'`).trim());
  r = await api(`/api/v1/teams/${id}/posts`, 'nurse', { method: 'POST', body: { kind: 'vitals', fields: { systolic: '1200', diastolic: '80' } } });
  assert.equal(r.status, 400);
  r = await api(`/api/v1/teams/${id}/posts`, 'nurse', { method: 'POST', body: { kind: 'vitals', fields: { systolic: '120' } } });
  assert.equal(r.status, 400, 'systolic without diastolic');
  assert.equal(posts(), 0);
  r = await api(`/api/v1/teams/${id}/posts`, 'nurse', { method: 'POST', body: { kind: 'vitals', body: '労作時に息切れ', fields: { systolic: '１３２', diastolic: '78', spo2: '93', temperature: '36.55' } } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const vitals = r.json.id;
  r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'medication', body: '増量します', fields: { drug: 'アムロジピン', change: 'dose', dose: '7.5mg' } } });
  assert.equal(r.status, 201);
  r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'medication', fields: { drug: 'アムロジピン', change: 'explode' } } });
  assert.equal(r.status, 400, 'a code that is not on the list');
  r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: '返信です', reply_to: vitals } });
  assert.equal(r.status, 201);
  // 「確認しました」 by the doctor on the nurse's reading: once, with who and when.
  assert.equal((await api(`/api/v1/teams/${id}/posts/${vitals}/confirm`, 'doc', { method: 'POST' })).status, 200);
  assert.equal((await api(`/api/v1/teams/${id}/posts/${vitals}/confirm`, 'doc', { method: 'POST' })).status, 200);
  const rec = (await api(`/api/v1/teams/${id}`, 'nurse')).json;
  const v = rec.posts.find((p) => p.id === vitals);
  assert.deepEqual(v.fields, { systolic: '132', diastolic: '78', spo2: '93', temperature: '36.5' }, 'full-width digits read, one decimal kept');
  assert.deepEqual(v.confirmations.map((c) => c.name), ['在宅 医師']);
  assert.equal(rec.posts.length, 3);
  assert.equal(rec.posts[0].reply_to, vitals);
  // The nurse's list: the team, with the doctor's two posts unread until the record is opened.
  list = (await api('/api/v1/teams', 'doc')).json;
  assert.equal(list.teams.find((t) => t.id === id).unread, 0, 'the reading was read when the doctor opened the record');
  // Every view is in the audit log, under the patient's id.
  const viewed = Number(sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE subject = 'patient:${id}' AND action = 'patient.viewed'`).trim());
  assert.equal(viewed, 3, 'each of the three reads of the record is in the log');
  // Search of the timeline: by a value of an entry (katakana folded), by a code's label, by the text.
  const found = async (q) => (await api(`/api/v1/teams/${id}?q=${encodeURIComponent(q)}`, 'nurse')).json.posts.map((p) => p.kind);
  assert.deepEqual(await found('あむろじぴん'), ['medication']);
  assert.deepEqual(await found('用量の変更'), ['medication']);
  assert.deepEqual(await found('息切れ'), ['vitals']);
  assert.deepEqual(await found('存在しない言葉'), []);
  // Admission and discharge: dates in either calendar, the destination a code, both searchable.
  let bad = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'discharge', fields: { discharged_on: '2026-11-20', destination: 'moon' } } });
  assert.equal(bad.status, 400);
  bad = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'admission', fields: { admitted_on: '2026-11-18' } } });
  assert.equal(bad.status, 400, 'an admission names its hospital');
  assert.equal((await api(`/api/v1/teams/${id}/posts`, 'nurse', { method: 'POST', body: { kind: 'admission', body: '救急搬送', fields: { admitted_on: 'R8/11/18', hospital: 'テスト総合病院', ward: '5階', reason: '肺炎' } } })).status, 201);
  assert.equal((await api(`/api/v1/teams/${id}/posts`, 'nurse', { method: 'POST', body: { kind: 'discharge', fields: { discharged_on: '2026-11-25', hospital: 'テスト総合病院', destination: 'home', follow_up: '抗菌薬7日間' } } })).status, 201);
  const stay = (await api(`/api/v1/teams/${id}?kind=admission`, 'doc')).json.posts;
  assert.deepEqual([stay.length, stay[0].fields.admitted_on, stay[0].fields.hospital], [1, '2026-11-18', 'テスト総合病院']);
  assert.deepEqual(await found('退院'), ['discharge']);
  assert.deepEqual((await found('テスト総合病院')).sort(), ['admission', 'discharge']);
});

test(`non-members get the same 404 as a guessed id, whatever their role (${ENGINE})`, async () => {
  const id = await newTeam('doc');
  const post = (await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: '秘密の経過' } })).json.id;
  const guessed = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
  const reads = [`/api/v1/teams/${id}`, `/api/v1/teams/${guessed}`];
  for (const who of ['boss', 'hubc', 'town', 'other', 'cm']) {
    for (const p of reads) {
      const r = await api(p, who);
      assert.ok([403, 404].includes(r.status), `${who} ${p}: ${r.status}`);
      if (who !== 'boss' && who !== 'town') assert.equal(r.status, 404, `${who} who may share care still gets 404 for ${p}`);
      assert.ok(!JSON.stringify(r.json ?? r.text).includes('連携 ハナ'), 'the name does not leak');
    }
    const writes = [
      [`/api/v1/teams/${id}/posts`, { kind: 'note', body: '侵入' }],
      [`/api/v1/teams/${id}/posts/${post}/confirm`, {}],
      [`/api/v1/teams/${id}/members`, { user_id: ids[who] }],
      [`/api/v1/teams/${id}/consent`, { date: '2026-11-01', method: 'oral', by: '本人' }],
      [`/api/v1/teams/${id}/answer`, { accept: true }],
    ];
    for (const [p, body] of writes) {
      const r = await api(p, who, { method: 'POST', body });
      assert.ok([403, 404].includes(r.status), `${who} POST ${p}: ${r.status}`);
    }
    const r = await api(`/api/v1/teams/${id}/members/${ids.doc}`, who, { method: 'DELETE' });
    assert.ok([403, 404].includes(r.status), `${who} DELETE member: ${r.status}`);
    // And through the pages: the patient page, the summary, the edit form, the invitation search.
    for (const p of [`/teams/${id}`, `/teams/${id}/summary`, `/teams/${id}/edit`, `/teams/${id}/invite?facility_q=テスト`]) {
      const page = await fetch(srv.base + p, { headers: { authorization: `Bearer ${tokens[who]}` } });
      const text = await page.text();
      assert.ok([403, 404].includes(page.status), `${who} ${p}: ${page.status}`);
      assert.ok(!text.includes('連携 ハナ') && !text.includes('秘密の経過'), `${who} ${p} leaks nothing`);
    }
  }
  assert.equal(Number(sql(srv.db, `SELECT COUNT(*) FROM team_posts WHERE patient_id = '${id}'`).trim()), 1, 'nothing was posted');
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM team_members WHERE patient_id = '${id}'`).trim(), '1', 'nobody got in');
  const refused = Number(sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE subject = 'patient:${id}' AND action = 'patient.refused'`).trim());
  assert.ok(refused >= 10, `refusals audited: ${refused}`);
  // A crafted id is refused the same way and leaves no text of its own in the log.
  const crafted = await api(`/api/v1/teams/${encodeURIComponent("x' OR '1'='1")}`, 'hubc');
  assert.equal(crafted.status, 404);
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM audit_log WHERE subject LIKE '%''%' OR subject LIKE '% %'").trim(), '0');
});

test(`a member's token lists that member's teams only, and search stays inside them (${ENGINE})`, async () => {
  const mine = await newTeam('cm', { name: '上里 タロウ', kana: 'かみさと たろう' });
  await newTeam('doc', { name: '上里 ジロウ', kana: 'かみさと じろう' });
  const list = (await api(`/api/v1/teams?q=${encodeURIComponent('カミサト')}`, 'cm')).json;
  assert.deepEqual(list.teams.map((t) => t.name), ['上里 タロウ'], 'katakana finds the kana, and only the member\'s own team');
  assert.deepEqual((await api(`/api/v1/teams?q=${encodeURIComponent('上里')}`, 'cm')).json.teams.map((t) => t.id), [mine]);
  assert.equal((await api('/api/v1/teams', 'boss')).status, 403, 'an administrator has no care teams');
  assert.equal((await api('/api/v1/teams', 'town')).status, 403);
});

test(`removal ends access on the next request; the last member cannot leave (${ENGINE})`, async () => {
  const id = await newTeam('doc');
  await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.other } });
  await api(`/api/v1/teams/${id}/answer`, 'other', { method: 'POST', body: { accept: true } });
  assert.equal((await api(`/api/v1/teams/${id}`, 'other')).status, 200);
  assert.equal((await api(`/api/v1/teams/${id}/members/${ids.other}`, 'doc', { method: 'DELETE' })).status, 200);
  assert.equal((await api(`/api/v1/teams/${id}`, 'other')).status, 404);
  assert.equal((await api(`/api/v1/teams/${id}/posts`, 'other', { method: 'POST', body: { kind: 'note', body: '残っていた画面から' } })).status, 404);
  assert.equal((await api('/api/v1/teams', 'other')).json.teams.filter((t) => t.id === id).length, 0);
  const leave = await api(`/api/v1/teams/${id}/members/${ids.doc}`, 'doc', { method: 'DELETE' });
  assert.equal(leave.status, 409, 'the last member stays, or nobody could open the record');
  // An invitation withdrawn before it is answered cannot be accepted.
  await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.cm } });
  await api(`/api/v1/teams/${id}/members/${ids.cm}`, 'doc', { method: 'DELETE' });
  assert.equal((await api(`/api/v1/teams/${id}/answer`, 'cm', { method: 'POST', body: { accept: true } })).status, 404);
  // Only people whose role shares care can be invited.
  assert.equal((await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.boss } })).status, 400);
});

test(`the pages: register, consent gate, post a reading, confirm, invite through the directory, summary (${ENGINE})`, async () => {
  const token = tokens.doc;
  // Pages with a token are enough to check the HTML (sessions and CSRF are the platform's, tested elsewhere).
  const page = async (p) => {
    const r = await fetch(srv.base + p, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual' });
    return { status: r.status, text: await r.text(), location: r.headers.get('location') || '' };
  };
  const send = async (p, form) => {
    const r = await fetch(srv.base + p, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
    return { status: r.status, text: await r.text(), location: r.headers.get('location') || '' };
  };
  const form = await page('/teams/new');
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${ids.clinic}">テスト在宅クリニック（本庄市）</option>`), 'places offered from the directory');
  let r = await send('/teams', { name: '', municipality: '112119' });
  assert.equal(r.status, 400);
  assert.match(r.text, /氏名：入力してください/);
  r = await send('/teams', { name: 'ページ ハナ', kana: 'ぺーじ はな', municipality: '112119', birth_date: '1940-01-02', allergies: 'ペニシリン', clinic_id: ids.clinic });
  assert.equal(r.status, 303);
  const id = /\/teams\/([a-z2-7]{26})\?notice=created/.exec(r.location)[1];
  let p = await page(`/teams/${id}`);
  assert.match(p.text, /同意がまだ記録されていません/);
  assert.doesNotMatch(p.text, /ペニシリン/, 'nothing but the name before consent');
  r = await send(`/teams/${id}/consent`, { consent_date: '2026-11-02', consent_method: 'written', consent_by: '本人' });
  assert.equal(r.status, 303);
  p = await page(`/teams/${id}`);
  assert.match(p.text, /ペニシリン/);
  assert.match(p.text, /テスト在宅クリニック/);
  assert.match(p.text, /この方の情報を見た人[^]*<td>在宅 医師<\/td><td>画面<\/td>/, 'who looked, this view included');
  // The record edited with the version the editor saw; a stale version is refused, nothing changed.
  const edit = await page(`/teams/${id}/edit`);
  const version = /name="version" value="(\d+)"/.exec(edit.text)[1];
  assert.match(edit.text, /value="ページ ハナ"/);
  const edited = { name: 'ページ ハナ', kana: 'ぺーじ はな', municipality: '112119', birth_date: '1940-01-02', allergies: 'ペニシリン、卵', clinic_id: ids.clinic, version };
  r = await send(`/teams/${id}/edit`, edited);
  assert.equal(r.status, 303);
  r = await send(`/teams/${id}/edit`, { ...edited, allergies: '上書き' });
  assert.equal(r.status, 303);
  assert.match(r.location, /error=stale/);
  assert.equal((await api(`/api/v1/teams/${id}`, 'doc')).json.allergies, 'ペニシリン、卵');
  r = await send(`/teams/${id}/posts`, { kind: 'vitals', systolic: '300', diastolic: '80' });
  assert.equal(r.status, 400);
  assert.match(r.text, /測定値として考えにくい値/);
  assert.match(r.text, /value="300"/, 'what was typed comes back');
  for (const [s, d] of [['128', '74'], ['136', '80']]) assert.equal((await send(`/teams/${id}/posts`, { kind: 'vitals', systolic: s, diastolic: d, pulse: '70' })).status, 303);
  p = await page(`/teams/${id}`);
  assert.match(p.text, /136\/80 mmHg・脈 70\/分/);
  // A reply from the page names the post it answers.
  const reading = /id="p-([a-z2-7]{26})" class="post kind-vitals"/.exec(p.text)[1];
  assert.equal((await send(`/teams/${id}/posts`, { kind: 'note', body: '降圧薬はこのままで', reply_to: reading })).status, 303);
  p = await page(`/teams/${id}`);
  assert.match(p.text, new RegExp(`返信： <a href="#p-${reading}">在宅 医師「バイタル」</a>`));
  assert.match(p.text, /<svg class="chart line"/, 'readings charted');
  // Inviting: facility by name, then a person of it.
  p = await page(`/teams/${id}/invite?facility_q=${encodeURIComponent('テスト訪問看護')}`);
  assert.match(p.text, new RegExp(`facility=${ids.nursing}`));
  p = await page(`/teams/${id}/invite?facility=${ids.nursing}`);
  assert.match(p.text, /訪問 看護師/);
  assert.match(p.text, /別の 看護師/);
  r = await send(`/teams/${id}/members`, { user_id: ids.nurse });
  assert.equal(r.status, 303);
  // わたしの連絡先カード from the record: the public card maker prints it (and stores nothing).
  p = await page(`/teams/${id}`);
  const cardForm = p.text.slice(p.text.indexOf('action="/card"'), p.text.indexOf('</form>', p.text.indexOf('action="/card"')));
  const fields = Object.fromEntries([...cardForm.matchAll(/name="([a-z0-9_]+)" value="([^"]*)"/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1], m[2]]));
  assert.equal(fields.doctor_facility, ids.clinic);
  const card = await send('/card', fields);
  assert.equal(card.status, 200);
  assert.match(card.text, /class="contact-card"[^]*ページ ハナ[^]*テスト在宅クリニック/);
  const summary = await page(`/teams/${id}/summary`);
  assert.equal(summary.status, 200);
  assert.match(summary.text, /救急医療情報/);
  assert.match(summary.text, /ペニシリン/);
  assert.match(summary.text, /1940年|昭和15年/);
});

test(`tasks: for a member, on the owner's home page until done, gone from it when the owner leaves (${ENGINE})`, async () => {
  const id = await newTeam('doc', { name: '課題 ハナ' });
  await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } });
  await api(`/api/v1/teams/${id}/answer`, 'nurse', { method: 'POST', body: { accept: true } });
  let r = await api(`/api/v1/teams/${id}/tasks`, 'doc', { method: 'POST', body: { title: '褥瘡の写真を撮る', owner_id: ids.other } });
  assert.equal(r.status, 400, 'the owner must be on the team');
  r = await api(`/api/v1/teams/${id}/tasks`, 'hubc', { method: 'POST', body: { title: '侵入', owner_id: ids.hubc } });
  assert.equal(r.status, 404);
  r = await api(`/api/v1/teams/${id}/tasks`, 'doc', { method: 'POST', body: { title: '褥瘡の写真を撮る', owner_id: ids.nurse, due_date: 'R8/12/1' } });
  assert.equal(r.status, 201);
  const task = r.json.id;
  const home = async (who) => (await fetch(srv.base + '/', { headers: { authorization: `Bearer ${tokens[who]}` } })).text();
  let page = await home('nurse');
  assert.match(page, /褥瘡の写真を撮る（<a href="\/teams\/[a-z2-7]+">課題 ハナ<\/a>・期限 令和8年12月1日/);
  assert.doesNotMatch(await home('doc'), /褥瘡の写真を撮る/, 'on the owner\'s home only');
  assert.equal((await api(`/api/v1/teams/${id}`, 'doc')).json.tasks[0].due_date, '2026-12-01');
  // Removed from the team, the nurse no longer sees the task nor the name on her home page.
  await api(`/api/v1/teams/${id}/members/${ids.nurse}`, 'doc', { method: 'DELETE' });
  page = await home('nurse');
  assert.doesNotMatch(page, /褥瘡の写真を撮る|課題 ハナ/);
  assert.equal((await api(`/api/v1/teams/${id}/tasks/${task}/done`, 'nurse', { method: 'POST' })).status, 404);
  assert.equal((await api(`/api/v1/teams/${id}/tasks/${task}/done`, 'doc', { method: 'POST' })).status, 200);
  assert.notEqual((await api(`/api/v1/teams/${id}`, 'doc')).json.tasks[0].done_at, '');
});

test(`a post addressed to a member waits on their home page until they open the record (${ENGINE})`, async () => {
  const id = await newTeam('doc', { name: '宛先 ハナ' });
  await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } });
  await api(`/api/v1/teams/${id}/answer`, 'nurse', { method: 'POST', body: { accept: true } });
  let r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: '見てください', to: [ids.other] } });
  assert.equal(r.status, 400, 'only members can be addressed');
  r = await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: '明日の訪問で創部を見てください', to: [ids.nurse] } });
  assert.equal(r.status, 201);
  const home = async (who) => (await fetch(srv.base + '/', { headers: { authorization: `Bearer ${tokens[who]}` } })).text();
  let page = await home('nurse');
  assert.match(page, new RegExp(`<a href="/teams/${id}#p-${r.json.id}">宛先 ハナ</a>：あなた宛ての投稿があります（在宅 医師`));
  assert.doesNotMatch(page, /創部/, 'the home page names the patient, not the post');
  assert.doesNotMatch(await home('doc'), /あなた宛ての投稿/);
  await api(`/api/v1/teams/${id}`, 'nurse');
  assert.doesNotMatch(await home('nurse'), /宛先 ハナ/, 'read once the record is opened');
});

// An event stream held open as a page would: `next(pattern)` waits for what the server writes until the
// pattern shows (or `ms` pass); `ended` tells whether the server closed it.
async function openStream(base, path, who) {
  const ctrl = new AbortController();
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${tokens[who]}` }, signal: ctrl.signal });
  const s = { status: res.status, text: '', ended: false, close: () => ctrl.abort() };
  if (res.status !== 200) { s.text = await res.text(); return s; }
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  s.next = async (pattern, ms = 8000) => {
    const timer = setTimeout(() => ctrl.abort(), ms);
    try {
      while (!pattern.test(s.text)) {
        const { value, done } = await reader.read();
        if (done) { s.ended = true; break; }
        s.text += dec.decode(value);
      }
    } catch { /* aborted: the pattern did not show in time */ }
    clearTimeout(timer);
    return pattern.test(s.text);
  };
  return s;
}

test(`a page's live stream hears each change and closes when its viewer is removed (${ENGINE})`, async () => {
  const id = await newTeam('doc');
  await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } });
  await api(`/api/v1/teams/${id}/answer`, 'nurse', { method: 'POST', body: { accept: true } });
  for (const who of ['hubc', 'other', 'boss']) {
    const s = await openStream(srv.base, `/teams/${id}/events`, who);
    assert.ok([403, 404].includes(s.status), `${who} opens no stream: ${s.status}`);
    assert.doesNotMatch(s.text, /連携 ハナ/);
  }
  const live = await openStream(srv.base, `/teams/${id}/events`, 'nurse');
  assert.equal(live.status, 200);
  await api(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: '夕方に往診します' } });
  assert.ok(await live.next(/event: changed/), `the post was heard: ${live.text}`);
  assert.doesNotMatch(live.text, /往診/, 'the stream carries no patient data');
  await api(`/api/v1/teams/${id}/members/${ids.nurse}`, 'doc', { method: 'DELETE' });
  assert.ok(await live.next(/event: closed/), `removal closed the stream: ${live.text}`);
  await live.next(/$^/, 2000);
  assert.ok(live.ended, 'the server ended the stream');
  assert.equal((await openStream(srv.base, `/teams/${id}/events`, 'nurse')).status, 404);
  const opened = Number(sql(srv.db, `SELECT COUNT(*) FROM audit_log WHERE subject = 'patient:${id}' AND action = 'patient.viewed' AND detail = 'live'`).trim());
  assert.equal(opened, 1, 'opening the stream is a view');
});

test(`on PostgreSQL a change made on one server reaches a page held open on another (${ENGINE})`, { skip: ENGINE !== 'postgresql' && 'one server on SQLite' }, async () => {
  const other = await startServer({ db: srv.db });
  try {
    const id = await newTeam('doc');
    await api(`/api/v1/teams/${id}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } });
    await api(`/api/v1/teams/${id}/answer`, 'nurse', { method: 'POST', body: { accept: true } });
    const live = await openStream(srv.base, `/teams/${id}/events`, 'nurse');
    assert.equal(live.status, 200);
    const onB = apiClient(() => other.base, tokens);
    assert.equal((await onB(`/api/v1/teams/${id}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: 'サーバーBから' } })).status, 201);
    assert.ok(await live.next(/event: changed/), `server A heard server B's post: ${live.text}`);
    assert.equal((await onB(`/api/v1/teams/${id}/members/${ids.nurse}`, 'doc', { method: 'DELETE' })).status, 200);
    assert.ok(await live.next(/event: closed/), `server A closed the stream of a member removed on server B: ${live.text}`);
  } finally {
    await other.halt();
  }
});
