// Surveys of facilities: staff write the questions as text, ask the directory's facilities by kind,
// each facility answers through its own link (no account), may correct until the survey closes;
// the tally, response rate and XLSX come out of the answers. Both engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, Client, sql, ENGINE, apiClient, loginThroughPages } from './harness.mjs';

const FIX = path.resolve('tests/fixtures/opendata');
let srv;
const tokens = {};
const api = apiClient(() => srv.base, tokens);

const QUESTIONS = `[single*] 看取りに対応していますか
対応している
条件により対応している
対応していない

[multiple] 困っていること（いくつでも）
夜間の対応
医師との連携
家族の理解

[number] 昨年度の看取りの人数（人）

[text] 地域の課題
`;

before(async () => {
  srv = await startServer({ env: { RENKEI_PUBLIC_FORM_LIMIT: '200' } });
  for (const [format, file] of [['mhlw-kaigo', 'mhlw_kaigo_honjo_kodama_multi_service.csv'], ['mhlw-iryo', 'mhlw_iryo_01-1_hospital_facility_info_20250601_saitama_north.csv']])
    assert.equal(srv.cli(['import', 'facilities', '--format', format, `${FIX}/${file}`]).status, 0);
  const clinic = srv.cli(['org', 'add', '--name', 'みどり在宅クリニック', '--kind', 'clinic', '--municipality', '112119']).stdout.trim().split('\n').pop();
  for (const [login, role, extra] of [['m_honjo', 'municipal_staff', ['--municipality', '112119']], ['hub1', 'hub_coordinator', []], ['prof', 'professional', ['--org', clinic]]]) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass\n` }).status, 0);
    tokens[login] = srv.cli(['token', 'create', '--login', login, '--name', 't']).stdout.trim().split('\n').pop();
  }
});
after(async () => { await srv.stop(); });

async function answer(link, fields) {
  const c = new Client(srv.base);
  const page = await c.get(new URL(link).pathname);
  assert.equal(page.status, 200);
  // A checkbox group sends one field per ticked box: arrays become repeated fields.
  const form = new URLSearchParams({ _csrf: c.csrf });
  for (const [k, v] of Object.entries(fields)) for (const one of [].concat(v)) form.append(k, one);
  return { page, result: await c.request('POST', new URL(link).pathname, { form }) };
}

test(`a survey from questions to tally, through each facility's link (${ENGINE})`, async () => {
  // Mistakes in the questions come back with their line.
  let r = await api('/api/v1/surveys', 'm_honjo', { method: 'POST', body: { title: '看取り調査', fiscal_year: '令和6年度', questions: '[single] ひとつだけ\nA\n\n[color] 色\n' } });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.problems.map((p) => p.message), ['1行目: 選択肢を2つ以上、1行に1つずつ書いてください。', '4行目: 種類「color」は使えません。single、multiple、number、text のいずれかです。']);
  r = await api('/api/v1/surveys', 'm_honjo', { method: 'POST', body: { title: '「看取り」に関するアンケート調査', fiscal_year: '令和6年度', item: 'a', deadline: '2024-09-30', questions: QUESTIONS } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.id;

  // The region's hospitals from the directory; asking again adds none twice.
  r = await api(`/api/v1/surveys/${id}/targets`, 'm_honjo', { method: 'POST', body: { kinds: ['hospital'] } });
  assert.equal(r.status, 200);
  assert.equal(r.json.added, 10);
  assert.equal((await api(`/api/v1/surveys/${id}/targets`, 'm_honjo', { method: 'POST', body: { kinds: ['hospital'] } })).json.added, 0);
  assert.equal((await api(`/api/v1/surveys/${id}/targets`, 'm_honjo', { method: 'POST', body: { kinds: ['spaceship'] } })).status, 400);
  const targets = (await api(`/api/v1/surveys/${id}/targets`, 'm_honjo')).json.items;
  assert.equal(targets.length, 10);
  assert.ok(targets.every((t) => t.municipality_code === '112119' && /\/s\/[a-z2-7]{20}$/.test(t.link)));
  // A draft's links do not work yet.
  assert.equal((await fetch(srv.base + new URL(targets[0].link).pathname)).status, 404);
  assert.equal((await api(`/api/v1/surveys/${id}/open`, 'm_honjo', { method: 'POST' })).status, 200);

  // A facility forgets the required question: told which, nothing saved.
  let { page, result } = await answer(targets[0].link, { q2: '1', respondent: '看護部 山田' });
  assert.match(page.text, new RegExp(targets[0].facility));
  assert.equal(result.status, 400);
  assert.match(result.text, /回答してください。/);
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM survey_answers a JOIN survey_targets t ON t.id = a.target_id WHERE t.survey_id = '${id}'`).trim(), '0');
  // Then answers, and corrects the next day.
  ({ result } = await answer(targets[0].link, { q1: '1', q2: ['1', '2'], q3: '１２', q4: '夜間の往診医が少ない', respondent: '看護部 山田' }));
  assert.equal(result.status, 200);
  assert.match(result.text, /回答を受け付けました/);
  ({ page, result } = await answer(targets[0].link, { q1: '2', q2: '1', q3: '10', q4: '夜間の往診医が少ない', respondent: '看護部 山田' }));
  assert.match(page.text, /name="q1" value="1" checked/, 'the form shows the answers so far');
  assert.equal(result.status, 200);
  ({ result } = await answer(targets[1].link, { q1: '2', q3: '3', respondent: '事務長' }));
  assert.equal(result.status, 200);
  ({ result } = await answer(targets[2].link, { q1: '3', respondent: '院長' }));
  assert.equal(result.status, 200);
  // A post from another site (no CSRF token) is refused before anything is read.
  const forged = await fetch(srv.base + new URL(targets[3].link).pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'q1=1&respondent=x' });
  assert.equal(forged.status, 403);
  // Hostile values are refused, not stored.
  ({ result } = await answer(targets[3].link, { q1: '9', q3: 'たくさん', respondent: '<script>x</script>' }));
  assert.equal(result.status, 400);
  assert.doesNotMatch(result.text, /<script>x/);

  r = await api(`/api/v1/surveys/${id}/results`, 'hub1');
  assert.equal(r.status, 200);
  assert.equal(r.json.targets, 10);
  assert.equal(r.json.responded, 3);
  assert.equal(r.json.rate, 30);
  assert.deepEqual(r.json.by_town, [{ label: '本庄市', targets: 10, responded: 3 }]);
  assert.deepEqual(r.json.by_kind, [{ label: '病院', targets: 10, responded: 3 }]);
  const [q1, q2, q3, q4] = r.json.questions;
  assert.deepEqual(q1.options.map((o) => [o.count, o.percent]), [[0, 0], [2, 67], [1, 33]]);
  assert.deepEqual(q2.options.map((o) => o.count), [1, 0, 0]);
  assert.equal(q3.sum, 13);
  assert.equal(q3.answered, 2);
  assert.deepEqual(q4.texts, [{ facility: targets[0].facility, answer: '夜間の往診医が少ない' }]);
  const audit = sql(srv.db, `SELECT action FROM audit_log WHERE subject = 'survey:${id}' ORDER BY seq`).trim().split('\n');
  assert.deepEqual(audit.filter((a) => a.startsWith('survey.answer')), ['survey.answered', 'survey.answer_corrected', 'survey.answered', 'survey.answered']);

  // The plan's text counts the year's surveys by itself, and links the survey.
  r = await api('/api/v1/plans/2024/items/a', 'm_honjo', { method: 'PUT', body: { scenes: ['daily'], results: '○看取りアンケート（{{surveys.count}}件、{{surveys.responded}}/{{surveys.asked}}事業所、回答率{{surveys.rate}}%）', evaluation: '', next_goal: '', next_plan: '', priority: false, links: [`survey:${id}`] } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const entry = (await api('/api/v1/plans/2024', 'm_honjo')).json.entries.find((x) => x.item === 'a');
  assert.equal(entry.resolved.results, '○看取りアンケート（1件、3/10事業所、回答率30%）');
  assert.deepEqual(entry.links, [`survey:${id}`]);

  // The staff of a facility asked find the survey, with their facility's link, on their home page.
  assert.equal(srv.cli(['user', 'add', '--login', 'okaed', '--role', 'facility_editor', '--org', targets[5].facility_id], { input: 'okaed-initial-pass-1\n' }).status, 0);
  const ed = new Client(srv.base);
  await ed.get('/login');
  assert.equal((await ed.post('/login', { login: 'okaed', password: 'okaed-initial-pass-1', next: '/' })).location, '/account/password');
  await ed.get('/account/password');
  await ed.post('/account/password', { current: 'okaed-initial-pass-1', new_password: 'okaed-second-pass-2', confirm: 'okaed-second-pass-2' });
  const home = await ed.get('/');
  assert.match(home.text, /回答をお願いしている調査/);
  assert.ok(home.text.includes(`href="${new URL(targets[5].link).pathname}"`), 'their own facility\'s link');
  assert.ok(!home.text.includes(new URL(targets[6].link).pathname), 'and no other facility\'s');

  // The questions stay as sent; the survey closes; links then only thank.
  r = await api(`/api/v1/surveys/${id}/results.xlsx`, 'm_honjo');
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
  assert.equal((await api(`/api/v1/surveys/${id}/close`, 'm_honjo', { method: 'POST' })).status, 200);
  ({ page, result } = await answer(targets[4].link, { q1: '1', respondent: '遅れた人' }));
  assert.match(page.text, /受付は終了しました/);
  assert.equal(result.status, 409);
  assert.equal((await api(`/api/v1/surveys/${id}/results`, 'm_honjo')).json.responded, 3);
});

test(`who may see surveys, and links that do not exist (${ENGINE})`, async () => {
  assert.equal((await api('/api/v1/surveys?fy=2024', 'prof')).status, 403);
  assert.equal((await api('/api/v1/surveys?fy=2024')).status, 401);
  const list = (await api('/api/v1/surveys?fy=2024', 'hub1')).json.items;
  assert.ok(list.length >= 1);
  assert.equal((await api(`/api/v1/surveys/${list[0].id}/results`, 'prof')).status, 403);
  for (const bad of ['aaaaaaaaaaaaaaaaaaaa', 'short', '../../etc/passwd', 'AAAAAAAAAAAAAAAAAAAA'])
    assert.equal((await fetch(`${srv.base}/s/${encodeURIComponent(bad)}`)).status, 404, bad);
  // The staff pages work for the hub too.
  const c = await (await import('./harness.mjs')).loginThroughPages(srv.base, 'hub1', 'hub1-initial-pass', { newPassword: 'hub1-second-pass' });
  const page = await c.client.get(`/surveys?fy=2024`);
  assert.equal(page.status, 200);
  assert.match(page.text, /「看取り」に関するアンケート調査/);
  const show = await c.client.get(`/surveys/${list[0].id}`);
  assert.match(show.text, /受付終了/);
  // A closed survey is the start of next year's: same questions, facilities chosen again.
  const copied = await c.client.post(`/surveys/${list[0].id}/copy`);
  assert.equal(copied.status, 303);
  assert.match(copied.location, /^\/surveys\/[a-z2-7]{26}\/edit$/);
  const thisYear = (await api('/api/v1/surveys', 'hub1')).json.items;
  assert.ok(thisYear.some((s) => s.title === '「看取り」に関するアンケート調査' && s.status === 'draft' && s.targets === 0));
  const results = await c.client.get(`/surveys/${list[0].id}/results`);
  assert.match(results.text, /回答率 <strong>30%<\/strong>/);
  assert.match(results.text, /<svg/);
});
