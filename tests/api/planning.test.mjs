// Planning (item イ): entries with live figures resolved from the year's records; unknown names
// refused; approval at a council freezes the text and figures; edits after it make a draft; the next
// year starts from this one; 資料1 as XLSX (each item and column in its cell) and PDF (text extractable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, ENGINE, apiClient } from './harness.mjs';

let srv, tmp;
const tokens = {};
const api = apiClient(() => srv.base, tokens);
const consult = (town, date = '2023-06-01T10:00:00+09:00') => api('/api/v1/consultations', 'hub', { method: 'POST', body: {
  received_at: date, channel: 'phone', receiver: 'hub', requester_category: 'care_manager', resident_municipality: town, content_categories: ['home_medical_nursing'] } });

before(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'renkei-plan-'));
  srv = await startServer();
  const clinic = srv.cli(['org', 'add', '--name', 'クリニック', '--kind', 'clinic', '--municipality', '112119']).stdout.trim().split('\n').pop();
  for (const [login, role, extra] of [['m_honjo', 'municipal_staff', ['--municipality', '112119']], ['hub', 'hub_coordinator', []], ['prof', 'professional', ['--org', clinic]]]) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass\n` }).status, 0);
    tokens[login] = srv.cli(['token', 'create', '--login', login, '--name', 't']).stdout.trim().split('\n').pop();
  }
  for (const town of ['112119', '112119', '113859']) assert.equal((await consult(town)).status, 201);
});
after(async () => { await srv.stop(); rmSync(tmp, { recursive: true, force: true }); });

const entry = (item, extra = {}) => ({ scenes: ['daily'], results: `（${item}）の取組`, evaluation: `（${item}）の評価`, next_goal: `（${item}）の目標`, next_plan: `（${item}）の計画`, priority: false, ...extra });

test(`figures resolve; unknown names are refused; approval freezes (${ENGINE})`, async () => {
  let r = await api('/api/v1/plans/2023/items/e', 'm_honjo', { method: 'PUT', body: entry('e', {
    results: '○相談件数：{{consultations.total}}件\n　本庄市({{ consultations.by_municipality.112119.percent }})、上里町({{consultations.by_municipality.113859.percent}})' }) });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  r = await api('/api/v1/plans/2023/items/f', 'm_honjo', { method: 'PUT', body: entry('f', { results: '参加者：{{events.attendance}}人 {{consultations.totl}}' }) });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json.unknown_figures, ['events.attendance', 'consultations.totl']);
  assert.equal((await api('/api/v1/plans/2023/items/z', 'm_honjo', { method: 'PUT', body: entry('z') })).status, 404);
  assert.equal((await api('/api/v1/plans/2023/items/a', 'hub', { method: 'PUT', body: entry('a') })).status, 403, 'the hub reads plans, municipal staff write them');
  assert.equal((await api('/api/v1/plans/2023', 'prof')).status, 403);
  for (const item of ['a', 'b', 'c', 'd', 'f', 'g', 'h'])
    assert.equal((await api(`/api/v1/plans/2023/items/${item}`, 'm_honjo', { method: 'PUT', body: entry(item, item === 'c' ? { priority: true, scenes: ['admission_discharge'] } : {}) })).status, 200);

  r = await api('/api/v1/plans/2023', 'hub');
  assert.equal(r.status, 200);
  const e = r.json.entries.find((x) => x.item === 'e');
  assert.match(e.results, /\{\{consultations.total\}\}/, 'the raw text keeps the names');
  assert.equal(e.resolved.results, '○相談件数：3件\n　本庄市(66)、上里町(33)');
  assert.equal(r.json.status, 'draft');

  // Approval needs a council meeting.
  const staff = await api('/api/v1/meetings', 'm_honjo', { method: 'POST', body: { kind: 'municipal_staff', held_at: '2024-01-11T10:00:00+09:00', title: '担当者会議' } });
  assert.equal((await api('/api/v1/plans/2023/approve', 'm_honjo', { method: 'POST', body: { meeting_id: staff.json.id } })).status, 400);
  const council = await api('/api/v1/meetings', 'm_honjo', { method: 'POST', body: { kind: 'council', held_at: '2024-02-09T14:00:00+09:00', title: '第2回 協議会' } });
  assert.equal((await api('/api/v1/plans/2023/circulate', 'm_honjo', { method: 'POST', body: {} })).status, 200);
  assert.equal((await api('/api/v1/plans/2023', 'm_honjo')).json.status, 'circulated');
  r = await api('/api/v1/plans/2023/approve', 'm_honjo', { method: 'POST', body: { meeting_id: council.json.id } });
  assert.equal(r.status, 200);

  // Records change after approval; the approved text does not.
  assert.equal((await consult('113816', '2023-09-01T10:00:00+09:00')).status, 201);
  r = await api('/api/v1/plans/2023', 'm_honjo');
  const after = r.json.entries.find((x) => x.item === 'e');
  assert.equal(after.approved.results, '○相談件数：3件\n　本庄市(66)、上里町(33)');
  assert.equal(after.resolved.results, '○相談件数：4件\n　本庄市(50)、上里町(25)');
  assert.equal(r.json.status, 'approved');
  assert.equal(r.json.approved_at, '2024-02-09T14:00:00+09:00');
  // An edit after approval makes a revised draft; the approved version stands.
  assert.equal((await api('/api/v1/plans/2023/items/a', 'm_honjo', { method: 'PUT', body: entry('a', { results: '修正した取組' }) })).status, 200);
  r = await api('/api/v1/plans/2023', 'm_honjo');
  assert.equal(r.json.revised, true);
  assert.equal(r.json.entries.find((x) => x.item === 'a').approved.results, '（a）の取組');
});

test(`資料1 as XLSX puts each item and column in its cell; the PDF's text holds every entry (${ENGINE})`, async () => {
  // The 資料 shows the approved version while a revision is only a draft.
  let r = await api('/api/v1/reports/shiryo1.xlsx?fy=2023', 'hub');
  assert.equal(r.status, 200);
  const file = path.join(tmp, 's1.xlsx');
  writeFileSync(file, r.bytes);
  const strings = [...execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml']).toString().matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
  const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString();
  const cell = (ref) => {
    const m = new RegExp(`<c r="${ref}"[^>]*t="s"[^>]*><v>(\\d+)</v>`).exec(sheet);
    return m ? strings[Number(m[1])] : undefined;
  };
  assert.equal(cell('A1'), '本庄市児玉郡在宅医療・介護連携推進事業');
  assert.match(sheet, /<mergeCell ref="A1:E1"\/>/);
  assert.equal(cell('F1'), '資料1');
  assert.deepEqual(['A3', 'B3', 'C3', 'D3', 'E3', 'F3'].map(cell),
    ['事業項目', '4つの場面', '令和5年度取組状況及び結果', '令和5年度評価', '令和6年度目標', '令和6年度の計画']);
  const items = ['ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク'];
  items.forEach((letter, i) => {
    const row = 4 + i;
    const code = 'abcdefgh'[i];
    assert.match(cell(`A${row}`), new RegExp(`^（${letter}）`));
    if (code !== 'e') assert.equal(cell(`C${row}`), `（${code}）の取組`, `C${row}`);
    assert.equal(cell(`D${row}`), `（${code}）の評価`);
    assert.equal(cell(`E${row}`), `（${code}）の目標`);
    assert.equal(cell(`F${row}`), `（${code}）の計画`);
  });
  assert.match(cell('A6'), /【重点取組】/);
  assert.match(cell('B6'), /● 入退院支援/);
  assert.match(cell('B6'), /○ 日常の療養支援/);
  assert.equal(cell('C8'), '○相談件数：3件\n　本庄市(66)、上里町(33)');
  assert.match(sheet, /<pageSetup[^>]*paperSize="9"[^>]*orientation="landscape"/);

  r = await api('/api/v1/reports/shiryo1.pdf?fy=2023', 'm_honjo');
  assert.equal(r.status, 200);
  assert.equal(r.bytes.subarray(0, 5).toString(), '%PDF-');
  const pdf = path.join(tmp, 's1.pdf');
  writeFileSync(pdf, r.bytes);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString().replace(/\s+/g, '');
  for (const code of 'abcdefgh') for (const part of ['評価', '目標', '計画']) assert.ok(text.includes(`（${code}）の${part}`), `${code} ${part}`);
  assert.ok(text.includes('相談件数：3件'));
  assert.ok(text.includes('令和5年度取組状況及び結果'));
  assert.match(execFileSync('pdffonts', [pdf]).toString(), /NotoSansCJK.*yes\s+yes/, 'fonts embedded as subsets');
  // 資料2 too.
  r = await api('/api/v1/reports/shiryo2.pdf?fy=2023', 'm_honjo');
  writeFileSync(pdf, r.bytes);
  assert.ok(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-']).toString().includes('居住者別状況'));
});

test(`an entry links the records that back it; a record of another year is refused (${ENGINE})`, async () => {
  const ev = await api('/api/v1/events', 'm_honjo', { method: 'POST', body: { title: '多職種連携を考える会', kind: 'interprofessional', starts_at: '2023-11-17T14:00:00+09:00', status: 'held', reported_attendance: 54 } });
  const other = await api('/api/v1/events', 'm_honjo', { method: 'POST', body: { title: '翌年度の研修', kind: 'training', starts_at: '2024-05-01T14:00:00+09:00', status: 'held' } });
  const body = entry('f', { results: '参加者：{{events.by_kind.interprofessional.attended}}人', links: [`event:${ev.json.id}`] });
  let r = await api('/api/v1/plans/2023/items/f', 'm_honjo', { method: 'PUT', body });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  r = await api('/api/v1/plans/2023', 'm_honjo');
  const f = r.json.entries.find((x) => x.item === 'f');
  assert.deepEqual(f.links, [`event:${ev.json.id}`]);
  assert.equal(f.resolved.results, '参加者：54人');
  r = await api('/api/v1/plans/2023/items/f', 'm_honjo', { method: 'PUT', body: { ...body, links: [`event:${other.json.id}`] } });
  assert.equal(r.status, 400);
  r = await api('/api/v1/plans/2023/items/f', 'm_honjo', { method: 'PUT', body: { ...body, links: ['meeting:nonexistent'] } });
  assert.equal(r.status, 400);
});

test(`indicators come in as CSV per town and year, and back plan items (${ENGINE})`, async () => {
  const csv = '\ufeff指標ID,指標名,単位,地域,年度,値\r\n' +
    'B5,要介護（要支援）認定率,%,本庄市,令和3年度,17.1\r\nB5,要介護（要支援）認定率,%,本庄市,2022,17.4\r\nB5,要介護（要支援）認定率,%,112119,2023,17.9\r\n' +
    'B5,要介護（要支援）認定率,%,上里町,2023,"16.2"\r\nB5,要介護（要支援）認定率,%,東京都,2023,1\r\nL16,在宅死亡率,%,合計,2023,abc\r\n';
  let r = await fetch(`${srv.base}/api/v1/indicators?source=test`, { method: 'POST', headers: { authorization: `Bearer ${tokens.m_honjo}`, 'content-type': 'text/csv' }, body: csv });
  let j = await r.json();
  assert.equal(r.status, 200, JSON.stringify(j));
  assert.deepEqual([j.indicators, j.values], [1, 4]);
  assert.deepEqual(j.rejected.map((x) => x.line), [6, 7]);
  r = await fetch(`${srv.base}/api/v1/indicators`, { method: 'POST', headers: { authorization: `Bearer ${tokens.m_honjo}`, 'content-type': 'text/csv' }, body: 'a,b\r\n1,2\r\n' });
  assert.equal(r.status, 400);
  r = await fetch(`${srv.base}/api/v1/indicators`, { method: 'POST', headers: { authorization: `Bearer ${tokens.hub}`, 'content-type': 'text/csv' }, body: csv });
  assert.equal(r.status, 403);
  const list = (await api('/api/v1/indicators', 'hub')).json.items;
  assert.equal(list.length, 1);
  assert.deepEqual(list[0].values.filter((v) => v.municipality === '112119').map((v) => [v.year, v.value]), [[2021, 17.1], [2022, 17.4], [2023, 17.9]]);
});

test(`the next year starts from this one (${ENGINE})`, async () => {
  let r = await api('/api/v1/plans/2023/next', 'm_honjo', { method: 'POST', body: {} });
  assert.equal(r.status, 201);
  r = await api('/api/v1/plans/2024', 'm_honjo');
  const c = r.json.entries.find((x) => x.item === 'c');
  assert.equal(c.results, '（c）の計画');
  assert.equal(c.next_goal, '（c）の目標');
  assert.equal(c.priority, true);
  assert.equal(r.json.status, 'draft');
  assert.equal((await api('/api/v1/plans/2023/next', 'm_honjo', { method: 'POST', body: {} })).status, 409);
  // The command line writes the same papers.
  const out = path.join(tmp, 'cli.xlsx');
  const run = srv.cli(['report', 'shiryo1', '--fy', '令和5年度', '--format', 'xlsx', '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(srv.cli(['report', 'shiryo9', '--fy', '2023', '--out', out]).status === 0, false);
});
