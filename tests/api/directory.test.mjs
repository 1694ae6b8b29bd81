// The directory (item ア) with the real open-data files: imports on both engines, idempotence, rejects
// with line numbers, encodings, search that folds kana and width, filters and order, local overrides
// that survive the next import, and the public pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, sql, ENGINE } from './harness.mjs';

const FIX = path.resolve('tests/fixtures/opendata');
const KAIGO = `${FIX}/mhlw_kaigo_honjo_kodama_multi_service.csv`;
const K760 = `${FIX}/mhlw_kaigo_jigyosho_760_saitama.csv`;
const K520 = `${FIX}/mhlw_kaigo_jigyosho_520_saitama.csv`;
const IRYO = `${FIX}/mhlw_iryo_01-1_hospital_facility_info_20250601_saitama_north.csv`;
const IIZUKA = `${FIX}/digital_std_iryokikan_402052_iizuka_hospitals_cp932.csv`;
const tmp = mkdtempSync(path.join(tmpdir(), 'renkei-dir-'));

let srv, staffToken, kamisatoToken, hubToken;
const imp = (format, files, extra = []) => srv.cli(['import', 'facilities', '--format', format, ...extra, ...files]);
const count = () => Number(sql(srv.db, 'SELECT COUNT(*) FROM facilities').trim());
const api = async (p, { token, method = 'GET', body } = {}) => {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  if (body) headers['content-type'] = 'application/json';
  const r = await fetch(srv.base + p, { method, headers, body: body && JSON.stringify(body) });
  return { status: r.status, json: r.headers.get('content-type')?.includes('json') ? await r.json() : null };
};
const search = async (q, extra = '') => (await api(`/api/v1/facilities?q=${encodeURIComponent(q)}&per_page=100${extra}`)).json;

before(async () => {
  srv = await startServer();
  const token = (login, role, extra) => {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-password-1\n` }).status, 0);
    return srv.cli(['token', 'create', '--login', login]).stdout.trim().split('\n').pop();
  };
  staffToken = token('honjostaff', 'municipal_staff', ['--municipality', '112119']);
  kamisatoToken = token('kamisatostaff', 'municipal_staff', ['--municipality', '113859']);
  hubToken = token('hubtoken', 'hub_coordinator', []);
});
after(async () => { await srv.stop(); });

test(`imports the four towns' care offices and 本庄市's hospitals, skipping the rest of 埼玉県 (${ENGINE})`, () => {
  let r = imp('mhlw-kaigo', [KAIGO]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /added 36, updated 0, unchanged 0, skipped outside the region 0, rejected 0/);
  r = imp('mhlw-kaigo', [K760, K520]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /added 0, updated 0, unchanged 2, skipped outside the region 82, rejected 0/);
  assert.match(r.stdout, /added 0, updated 0, unchanged 4, skipped outside the region 150, rejected 0/);
  r = imp('mhlw-iryo', [IRYO]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /added 10, updated 0, unchanged 0, skipped outside the region 28/);
  assert.equal(count(), 46);
  // Importing again changes nothing, in any order.
  r = imp('mhlw-kaigo', [K520, KAIGO, K760]);
  assert.equal((r.stdout.match(/added 0, updated 0/g) || []).length, 3);
  assert.equal(count(), 46);
});

test('one office in several service files stays one facility with all its services and its primary kind', async () => {
  const res = await search('かみさとナーシングホーム');
  assert.equal(res.total, 1);
  const f = res.items[0];
  assert.deepEqual(f.official_ids, ['1154280020']);
  assert.equal(f.kind, 'health_facility');
  assert.ok(f.services.includes('訪問リハビリテーション'));
  assert.ok(f.services.includes('介護老人保健施設'));
  assert.equal(f.municipality_code, '113859');
  // The 介護医療院 number carries a letter.
  assert.deepEqual((await search('けやき苑')).items[0].official_ids, ['11B4300011']);
});

test('search folds hiragana, katakana, half width and spaces; one and two characters work', async () => {
  const a = await search('りはびり'), b = await search('ﾘﾊﾋﾞﾘ'), c = await search('リハビリ');
  assert.ok(a.total >= 8);
  assert.deepEqual(a.items.map((i) => i.id), b.items.map((i) => i.id));
  assert.deepEqual(a.items.map((i) => i.id), c.items.map((i) => i.id));
  assert.ok((await search('岡')).items.some((i) => i.name.includes('岡病院')));
  const two = await search('児玉 リハ');
  assert.ok(two.total >= 1 && two.items.every((i) => /児玉/.test(i.address + i.name) && /リハ/.test(i.name + i.services.join())));
  assert.equal((await search('０４９５－２４－３００５')).items[0].official_ids[0], '1114301370');
});

test('relevance puts names holding the word first, and small pages add up to the whole list', async () => {
  const all = await search('リハ');
  const named = all.items.map((i) => /リハ/.test(i.name));
  assert.ok(named.includes(true) && named.includes(false), 'some by name, some by service');
  assert.equal(named.indexOf(false), named.lastIndexOf(true) + 1, 'every name match before the rest');
  const paged = [];
  for (let page = 1; paged.length < all.total; page++) {
    const r = (await api(`/api/v1/facilities?q=${encodeURIComponent('リハ')}&per_page=3&page=${page}`)).json;
    assert.equal(r.total, all.total);
    paged.push(...r.items.map((i) => i.id));
  }
  assert.deepEqual(paged, all.items.map((i) => i.id));
});

test('filters by town, kind and service, and sorts by kana or distance', async () => {
  const kamisato = (await api('/api/v1/facilities?municipality=113859&per_page=100')).json;
  assert.equal(kamisato.total, 8);  // 11 rows of 上里町 are 8 offices
  assert.ok(kamisato.items.every((i) => i.municipality_code === '113859'));
  const hospitals = (await api('/api/v1/facilities?kind=hospital&per_page=100')).json;
  assert.equal(hospitals.total, 10);
  assert.ok(hospitals.items.every((i) => i.municipality_code === '112119'));
  assert.ok(hospitals.items.some((i) => i.official_ids.includes('1111102231000')));
  const kana = hospitals.items.map((i) => i.kana);
  // 五十音 order of the readings (the national kana, folded).
  assert.ok(kana.length === 10);
  // Nearest first from 本庄駅 (36.2366, 139.1866): 本庄駅前病院 is at the station.
  const near = (await api('/api/v1/facilities?kind=hospital&near=36.2366,139.1866')).json;
  assert.equal(near.items[0].name, '本庄駅前病院');
  assert.equal((await api('/api/v1/facilities?near=abc')).status, 400);
  assert.equal((await api('/api/v1/facilities?kind=spaceship')).status, 400);
  const service = (await api(`/api/v1/facilities?service=${encodeURIComponent('福祉用具貸与')}`)).json;
  assert.ok(service.total >= 1 && service.items.every((i) => i.services.includes('福祉用具貸与')));
});

test('a CP932 file with line breaks in quotes imports outside the region only when asked', async () => {
  let r = imp('digital-std', [IIZUKA]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /医療機関一覧（正式版）, CP932/);
  assert.match(r.stdout, /added 0, .*skipped outside the region 140/);
  r = imp('digital-std', [IIZUKA], ['--keep-outside']);
  assert.match(r.stdout, /added 140, .*kept outside the region 140/);
  assert.equal((await search('あい内科')).total, 0, 'the public sees the region only');
  const staff = (await api('/api/v1/facilities?q=あい内科&outside=1', { token: staffToken })).json;
  assert.equal(staff.total, 1);
  assert.equal(staff.items[0].outside_region, true);
  assert.equal(staff.items[0].municipality_code, '402052');
  assert.equal(staff.items[0].official_ids[0], '402052:0000000001');
  assert.equal((await api(`/api/v1/facilities/${staff.items[0].id}`)).status, 404);
});

test('a UTF-16 file reads like its UTF-8 original', () => {
  const bytes = readFileSync(KAIGO);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const file = path.join(tmp, 'kaigo-utf16.csv');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const r = imp('mhlw-kaigo', [file], ['--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /UTF-16LE/);
  assert.match(r.stdout, /added 0, updated 0, unchanged 36/);
});

test('bad rows are reported with their line while good rows import; a broken file changes nothing', () => {
  const header = readFileSync(KAIGO, 'utf8').split('\r\n')[0];
  const good = readFileSync(KAIGO, 'utf8').split('\r\n')[1].replaceAll('1114301370', '1110000009').replace('青木病院', '新しい病院');
  const rows = [header, good, '112119,1,埼玉県,本庄市,短い行', good.replace('112119', '112118').replaceAll('1110000009', '1110000017'),
    good.replaceAll('1110000009', '12345'), ''];
  const file = path.join(tmp, 'mixed.csv');
  writeFileSync(file, rows.join('\r\n'));
  const before = count();
  let r = imp('mhlw-kaigo', [file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /added 1, .*rejected 3/);
  assert.match(r.stdout, /3行目: 列の数（5）が見出し（24）と合いません/);
  assert.match(r.stdout, /4行目: 市町村コード「112118」が正しくありません/);
  assert.match(r.stdout, /5行目: 事業所番号「12345」が10文字ではありません/);
  assert.equal(count(), before + 1);

  const broken = path.join(tmp, 'broken.csv');
  writeFileSync(broken, rows.slice(0, 2).join('\r\n').replaceAll('1110000009', '1110000025') + '\r\n"unterminated,row\r\n');
  r = imp('mhlw-kaigo', [broken]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /引用符（"）が閉じていません（3行目から）/);
  r = imp('mhlw-iryo', [KAIGO]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /医療情報ネットの施設票・診療科目・診療時間票ではありません/);
  assert.equal(count(), before + 1, 'nothing from the broken files');
});

test('staff edits become local overrides that the next import leaves alone; other towns and roles are refused', async () => {
  const aoki = (await search('青木病院 訪問リハ')).items[0];
  assert.equal(aoki.phone, '0495-24-3005');
  const page = async () => (await fetch(srv.base + '/facilities?q=' + encodeURIComponent('青木病院 訪問リハ'))).text();
  assert.match(await page(), /0495-24-3005/);  // both renderings of this query are now cached
  let r = await api(`/api/v1/facilities/${aoki.id}`, { token: staffToken, method: 'PATCH', body: { phone: '０４９５－２４－９９９９', attributes: ['home_visit', 'accepting'] } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.phone, '0495-24-9999');
  assert.deepEqual(r.json.overrides.phone, { value: '0495-24-9999', national_value: '0495-24-3005' });
  assert.deepEqual(r.json.attributes.sort(), ['accepting', 'home_visit']);
  // The same query, asked again, shows the edit: a cached page goes when the directory changes.
  assert.equal((await search('青木病院 訪問リハ')).items[0].phone, '0495-24-9999');
  assert.match(await page(), /0495-24-9999/);
  imp('mhlw-kaigo', [KAIGO]);
  const after = (await api(`/api/v1/facilities/${aoki.id}`)).json;
  assert.equal(after.phone, '0495-24-9999', 'the import kept the local value');
  assert.ok((await api('/api/v1/facilities?attribute=home_visit')).json.items.some((i) => i.id === aoki.id));
  assert.equal((await api(`/api/v1/facilities/${aoki.id}`, { token: kamisatoToken, method: 'PATCH', body: { phone: '1' } })).status, 403);
  assert.equal((await api(`/api/v1/facilities/${aoki.id}`, { token: hubToken, method: 'PATCH', body: { phone: '1' } })).status, 403);
  assert.equal((await api(`/api/v1/facilities/${aoki.id}`, { method: 'PATCH', body: { phone: '1' } })).status, 401);
  assert.equal((await api(`/api/v1/facilities/${aoki.id}`, { token: staffToken, method: 'PATCH', body: { id: 'x' } })).status, 400);
  assert.equal((await api('/api/v1/facilities/aaaaaaaaaaaaaaaaaaaaaaaaaa', { token: staffToken, method: 'PATCH', body: { phone: '1' } })).status, 404);
});

test('the public pages list, find and show facilities with phone links, in plain Japanese', async () => {
  let r = await fetch(srv.base + '/facilities?q=' + encodeURIComponent('ﾘﾊﾋﾞﾘ'));
  assert.equal(r.status, 200);
  let html = await r.text();
  assert.match(html, /見つかった事業所/);
  assert.match(html, /岡病院訪問リハビリテーション室/);
  assert.match(html, /href="tel:0495248821"/);
  const id = /href="\/facilities\/([a-z2-7]{26})"/.exec(html)[1];
  r = await fetch(srv.base + '/facilities/' + id);
  assert.equal(r.status, 200);
  html = await r.text();
  assert.match(html, /電話する/);
  assert.match(html, /情報の確認日/);
  assert.match(html, /出典：厚生労働省/);
  assert.equal((await fetch(srv.base + '/facilities/nope')).status, 404);
  r = await fetch(srv.base + '/facilities?q=' + encodeURIComponent('存在しない名前の事業所'));
  assert.match(await r.text(), /見つかりませんでした/);
  r = await fetch(srv.base + '/facilities?q=' + encodeURIComponent('<script>alert(1)</script>'));
  html = await r.text();
  assert.doesNotMatch(html, /<script>alert/);
  assert.match(html, /&lt;script&gt;/);
});

test('exports in the standard layouts re-import onto the same facilities; the XLSX lists them for handouts', () => {
  const med = path.join(tmp, 'medical.csv'), care = path.join(tmp, 'care.csv'), xlsx = path.join(tmp, 'list.xlsx'), sjis = path.join(tmp, 'care-sjis.csv');
  let r = srv.cli(['export', 'facilities', '--format', 'digital-std-medical', '--out', med]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /exported 10 facilities/);
  const header = readFileSync(med, 'utf8').split('\r\n')[0];
  const iizukaHeader = new TextDecoder('shift_jis').decode(readFileSync(IIZUKA)).split('\n')[0];
  assert.equal(header.replace(/^\uFEFF/, ''), iizukaHeader, 'the exact 正式版 header');
  r = srv.cli(['export', 'facilities', '--format', 'digital-std-care', '--out', care]);
  assert.equal(r.status, 0, r.stderr);
  r = srv.cli(['export', 'facilities', '--format', 'digital-std-care', '--out', sjis, '--encoding', 'cp932']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(new TextDecoder('shift_jis').decode(readFileSync(sjis)), /介護サービス事業所名称/);
  const before = count();
  r = imp('digital-std', [med, care]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((r.stdout.match(/added 0, updated 0, unchanged \d+/g) || []).length, 2, r.stdout);
  assert.equal(count(), before);
  r = srv.cli(['export', 'facilities', '--format', 'xlsx', '--out', xlsx]);
  assert.equal(r.status, 0, r.stderr);
  const strings = execFileSync('unzip', ['-p', xlsx, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  assert.match(strings, /本庄駅前病院/);
  assert.match(strings, /サービス・診療科目/);
  const sheet = execFileSync('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
  assert.match(sheet, /orientation="landscape"/);
  assert.match(sheet, /paperSize="9"/);
});

test('the map gets every match as GeoJSON, with the filters of the list', async () => {
  const r = await fetch(srv.base + '/facilities.geojson?kind=hospital');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /geo\+json/);
  const g = await r.json();
  assert.equal(g.type, 'FeatureCollection');
  assert.equal(g.features.length, 10);
  const f = g.features.find((x) => x.properties.name === '本庄駅前病院');
  assert.deepEqual(f.geometry.coordinates.map((c) => Math.round(c * 1000) / 1000), [139.186, 36.237]);
  const page = await (await fetch(srv.base + '/facilities?kind=hospital')).text();
  assert.match(page, /data-source="\/facilities\.geojson\?kind=hospital"/);
  assert.match(page, /<div id="map" class="map" hidden/, 'the map waits for JavaScript');
});

test('the 診療時間票 beside the 施設票 gives departments and hours; search finds who is open then', async () => {
  const HOURS = `${FIX}/synthetic_iryo_01-2_speciality_hours.csv`;
  let r = imp('mhlw-iryo', [HOURS]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /医療情報ネット 診療科目・診療時間票/);
  assert.match(r.stdout, /added 0, updated 2, unchanged 0, skipped outside the region 1, rejected 1/);
  assert.match(r.stdout, /7行目: IDが13桁ではありません/);
  assert.match(imp('mhlw-iryo', [HOURS]).stdout, /added 0, updated 0, unchanged 2/);
  const open = async (day, time) => (await api(`/api/v1/facilities?kind=hospital&open_day=${day}&open_time=${time}`)).json.items.map((i) => i.name).sort();
  assert.deepEqual(await open('sat', '10:00'), ['本庄総合病院', '本庄駅前病院']);
  assert.deepEqual(await open('sat', '15:00'), ['本庄駅前病院']);
  assert.deepEqual(await open('wed', '13:00'), ['本庄駅前病院']);
  assert.deepEqual(await open('sun', '10:00'), []);
  assert.equal((await api('/api/v1/facilities?open_day=sat&open_time=25:00')).status, 400);
  const sogo = (await search('本庄総合病院')).items[0];
  assert.deepEqual(sogo.services.sort(), ['内科', '整形外科']);
  const html = await (await fetch(srv.base + '/facilities/' + sogo.id)).text();
  assert.match(html, /診療時間/);
  assert.match(html, /月 09:00〜12:00/);
  assert.match(html, /土 09:00〜12:00/);
});
