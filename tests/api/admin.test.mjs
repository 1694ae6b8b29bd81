// Account administration through the pages, and the refusals: other roles, guessed ids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loginThroughPages, totp, ENGINE } from './harness.mjs';

let srv, admin, hub;
before(async () => {
  srv = await startServer();
  const add = (login, role, pw, extra = []) => {
    const r = srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: pw + '\n' });
    assert.equal(r.status, 0, r.stderr);
  };
  add('boss', 'admin', 'boss-initial-1');
  add('hubuser', 'hub_coordinator', 'hub-initial-1');
  admin = (await loginThroughPages(srv.base, 'boss', 'boss-initial-1', { newPassword: 'boss-password-2' })).client;
  hub = (await loginThroughPages(srv.base, 'hubuser', 'hub-initial-1', { newPassword: 'hub-password-2' })).client;
});
after(async () => { await srv.stop(); });

test(`an admin registers a user with the form; the user must change the password (${ENGINE})`, async () => {
  let r = await admin.get('/admin/users/new');
  assert.equal(r.status, 200);
  r = await admin.post('/admin/users/new', { display_name: '美里 花子', login: 'misato1', role: 'municipal_staff', password: 'misato-initial', municipality: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /担当の市町を選んでください/);
  assert.match(r.text, /value="misato1"/, 'what was typed is kept');
  r = await admin.post('/admin/users/new', { display_name: '美里 花子', login: 'misato1', role: 'municipal_staff', password: 'misato-initial', municipality: '113816' });
  assert.equal(r.status, 303);
  r = await admin.get('/admin/users?notice=created');
  assert.match(r.text, /美里 花子/);
  assert.match(r.text, /利用者を登録しました/);
  r = await admin.post('/admin/users/new', { display_name: 'x', login: 'misato1', role: 'admin', password: 'another-password-1' });
  assert.equal(r.status, 400);
  assert.match(r.text, /すでに使われています/);
  const me = await (await fetch(srv.base + '/api/v1/audit?action=user.created', { headers: { cookie: admin.cookieHeader() } })).json();
  assert.ok(me.items.some((e) => e.subject === 'user:misato1' && e.actor === 'boss'));
});

test('other roles cannot see or change accounts, and guessed ids find nothing', async () => {
  let r = await hub.get('/admin/users');
  assert.equal(r.status, 403);
  assert.match(r.text, /権限がありません/);
  r = await hub.get('/admin/audit');
  assert.equal(r.status, 403);
  r = await hub.post('/admin/users/new', { display_name: 'x', login: 'sneaky', role: 'admin', password: 'sneaky-password-1' });
  assert.equal(r.status, 403);
  r = await admin.get('/admin/users/aaaaaaaaaaaaaaaaaaaaaaaaaa');
  assert.equal(r.status, 404);
  r = await admin.get('/admin/users/1');
  assert.equal(r.status, 404);
  const anon = new Client(srv.base);
  r = await anon.get('/admin/users');
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/login\?next=/);
});

test('disabling a user ends their sessions; the admin cannot disable or demote themselves', async () => {
  const add = srv.cli(['user', 'add', '--login', 'leaver', '--role', 'hub_coordinator'], { input: 'leaver-initial\n' });
  assert.equal(add.status, 0);
  const { client: leaver } = await loginThroughPages(srv.base, 'leaver', 'leaver-initial', { newPassword: 'leaver-pass-2' });
  assert.equal((await leaver.get('/')).status, 200);
  const list = await admin.get('/admin/users');
  const id = new RegExp('href="/admin/users/([a-z2-7]{26})">leaver').exec(list.text);
  const leaverId = id ? id[1] : /href="\/admin\/users\/([a-z2-7]{26})">[^<]*<\/a><\/td><td>leaver</.exec(list.text)[1];
  let r = await admin.get('/admin/users/' + leaverId);
  r = await admin.post(`/admin/users/${leaverId}/disable`);
  assert.equal(r.status, 303);
  assert.equal((await leaver.get('/')).status, 303, 'the disabled user is logged out');
  const bossId = /href="\/admin\/users\/([a-z2-7]{26})">[^<]*<\/a><\/td><td>boss</.exec(list.text)[1];
  await admin.get('/admin/users/' + bossId);
  r = await admin.post(`/admin/users/${bossId}/disable`);
  assert.equal(r.status, 400);
  r = await admin.post(`/admin/users/${bossId}`, { display_name: 'boss', role: 'hub_coordinator' });
  assert.equal(r.status, 400);
  assert.match(r.text, /管理者の役割は外せません/);
});

test('people see and end their own sessions', async () => {
  const second = new Client(srv.base);
  await second.get('/login');
  await second.post('/login', { login: 'hubuser', password: 'hub-password-2' });
  let r = await hub.get('/account');
  assert.match(r.text, /ログイン中の端末/);
  const ids = [...r.text.matchAll(/\/account\/sessions\/([a-z2-7]{26})\/revoke/g)].map((m) => m[1]);
  assert.ok(ids.length >= 2);
  // Revoke every session but the one in use (the current one is marked この端末).
  const current = /<tr><td>[^<]*<span class="tag">この端末<\/span>[\s\S]*?\/account\/sessions\/([a-z2-7]{26})\/revoke/.exec(r.text)[1];
  for (const id of ids.filter((i) => i !== current)) {
    r = await hub.post(`/account/sessions/${id}/revoke`);
    assert.equal(r.status, 303);
  }
  assert.equal((await hub.get('/')).status, 200);
  // Another user's session id is not found.
  r = await admin.post(`/account/sessions/${current}/revoke`);
  assert.equal(r.status, 404);
});
