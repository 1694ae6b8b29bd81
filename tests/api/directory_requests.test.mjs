// Keeping entries current by hand: a facility's editor proposes changes, staff of its town approve or
// return them, staff correct entries directly, and every change is in the history. Other towns refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loginThroughPages, ENGINE } from './harness.mjs';

let srv, editor, kamisato, honjo;
const KYOTAKU = 'demo-kyotaku';  // かみさと居宅介護支援事業所（サンプル）, 上里町

before(async () => {
  srv = await startServer({ demo: true });
  assert.equal(srv.cli(['user', 'add', '--login', 'kamisato', '--role', 'municipal_staff', '--municipality', '113859'], { input: 'kamisato-initial\n' }).status, 0);
  editor = (await loginThroughPages(srv.base, 'editor', 'renkei-demo-2024')).client;
  honjo = (await loginThroughPages(srv.base, 'honjo', 'renkei-demo-2024')).client;
  kamisato = (await loginThroughPages(srv.base, 'kamisato', 'kamisato-initial', { newPassword: 'kamisato-pass-2' })).client;
});
after(async () => { await srv.stop(); });

const entry = async () => (await fetch(`${srv.base}/api/v1/facilities/${KYOTAKU}`)).json();

test(`a facility proposes a change; another town cannot see it; its town returns, then approves (${ENGINE})`, async () => {
  let r = await editor.get('/my-facility');
  assert.equal(r.status, 200);
  assert.match(r.text, /かみさと居宅介護支援事業所/);
  r = await editor.post(`/my-facility/${KYOTAKU}/request`, { name: 'かみさと居宅介護支援事業所（サンプル）', phone: '0495-00-0599',
    attributes_present: '1', attribute: 'accepting', note: '電話番号が変わりました' });
  assert.equal(r.status, 303);
  r = await editor.get('/my-facility');
  assert.match(r.text, /確認待ち/);
  // Only what changed is in the request; the entry is unchanged until approved.
  assert.equal((await entry()).phone, '0495-00-0501');
  r = await editor.post('/my-facility/demo-clinic/request', { phone: '1' });
  assert.equal(r.status, 404, 'not their facility');

  r = await honjo.get('/admin/directory');
  assert.match(r.text, /確認待ちの申請はありません/);
  r = await kamisato.get('/admin/directory');
  assert.match(r.text, /電話番号が変わりました/);
  assert.match(r.text, /<del>0495-00-0501<\/del>/);
  assert.match(r.text, /<ins>0495-00-0599<\/ins>/);
  const id = /\/admin\/directory\/requests\/([a-z2-7]{26})/.exec(r.text)[1];
  assert.equal((await honjo.post(`/admin/directory/requests/${id}`, { decision: 'approve' })).status, 404);
  r = await kamisato.post(`/admin/directory/requests/${id}`, { decision: 'reject', comment: '' });
  assert.equal(r.status, 400);
  r = await kamisato.post(`/admin/directory/requests/${id}`, { decision: 'approve', comment: '' });
  assert.equal(r.status, 303);
  assert.equal((await entry()).phone, '0495-00-0599');
  assert.equal((await kamisato.post(`/admin/directory/requests/${id}`, { decision: 'approve' })).status, 409);
  r = await editor.get('/my-facility');
  assert.match(r.text, /反映済み/);
  r = await kamisato.get(`/admin/facilities/${KYOTAKU}/history`);
  assert.match(r.text, /電話番号/);
  assert.match(r.text, /<ins>0495-00-0599<\/ins>/);
});

test('staff correct entries of their own town only', async () => {
  let r = await kamisato.get(`/admin/facilities/${KYOTAKU}/edit`);
  assert.equal(r.status, 200);
  r = await kamisato.post(`/admin/facilities/${KYOTAKU}/edit`, { name: 'かみさと居宅介護支援事業所（サンプル）', kana: 'カミサトキョタクカイゴシエンジギョウショ',
    phone: '0495-00-0599', fax: '0495-00-0598', url: 'kamisato.example.jp', address: '埼玉県児玉郡上里町（サンプル）', address_extra: '',
    open_days: '平日', hours_note: '', attributes_present: '1', attribute: 'accepting' });
  assert.equal(r.status, 303);
  const e = await entry();
  assert.equal(e.fax, '0495-00-0598');
  assert.equal(e.url, 'http://kamisato.example.jp');
  r = await kamisato.post(`/admin/facilities/${KYOTAKU}/edit`, { name: '', attributes_present: '1' });
  assert.equal(r.status, 400);
  assert.match(r.text, /名称は空にできません/);
  assert.equal((await honjo.get(`/admin/facilities/${KYOTAKU}/edit`)).status, 403);
  assert.equal((await honjo.post(`/admin/facilities/${KYOTAKU}/edit`, { fax: '1' })).status, 403);
  assert.equal((await editor.get(`/admin/facilities/${KYOTAKU}/edit`)).status, 403);
  r = await kamisato.get(`/facilities/${KYOTAKU}`);
  assert.match(r.text, /掲載情報を直す/);
  r = await honjo.get(`/facilities/${KYOTAKU}`);
  assert.doesNotMatch(r.text, /掲載情報を直す/);
});
