// Accounts and logins over HTTP, as the security guideline asks: first-login password change,
// two-factor enrolment and prompt, recovery codes, CSRF, throttling, lockout, session expiry, tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, totp, loginThroughPages, ENGINE } from './harness.mjs';

let srv;
before(async () => { srv = await startServer({ env: { RENKEI_SESSION_IDLE_SECONDS: '5' } }); });
after(async () => { await srv.stop(); });

function addUser(login, role, password, extra = []) {
  const r = srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: password + '\n' });
  assert.equal(r.status, 0, r.stderr);
}

test(`first login forces a new password and two-factor enrolment, then a code logs in (${ENGINE})`, async () => {
  addUser('kato', 'hub_coordinator', 'initial-pass-1');
  const c = new Client(srv.base);
  await c.get('/login');
  let r = await c.post('/login', { login: 'kato', password: 'initial-pass-1', next: '/' });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/account/password');
  // Everything else sends the person back to the step they must take.
  r = await c.get('/');
  assert.equal(r.location, '/account/password');
  r = await c.get('/api/v1/me');
  assert.equal(r.status, 401);

  await c.get('/account/password');
  r = await c.post('/account/password', { current: 'initial-pass-1', new_password: 'short', confirm: 'short' });
  assert.equal(r.status, 400);
  assert.match(r.text, /8文字以上/);
  r = await c.post('/account/password', { current: 'initial-pass-1', new_password: 'kato-new-pass-2', confirm: 'kato-new-pass-2' });
  assert.equal(r.location, '/account/mfa/setup');

  const page = await c.get('/account/mfa/setup');
  assert.match(page.text, /<svg/);
  const secret = /data-secret="([A-Z2-7]+)"/.exec(page.text)[1];
  r = await c.post('/account/mfa/setup', { code: '000000' === totp(secret) ? '111111' : '000000' });
  assert.equal(r.status, 400);
  r = await c.post('/account/mfa/setup', { code: totp(secret) });
  assert.equal(r.status, 200);
  const codes = [...r.text.matchAll(/<li><code>([A-Z2-7]{5}-[A-Z2-7]{5})<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);
  r = await c.get('/');
  assert.equal(r.status, 200);
  assert.match(r.text, /在宅医療連携拠点/);

  await c.post('/logout');
  r = await c.get('/');
  assert.equal(r.status, 303);

  // Next login asks for the code; the same code twice is a replay and is refused.
  const c2 = new Client(srv.base);
  await c2.get('/login');
  r = await c2.post('/login', { login: 'kato', password: 'kato-new-pass-2', next: '/' });
  assert.equal(r.location, '/login/mfa');
  await c2.get('/login/mfa');
  r = await c2.post('/login/mfa', { code: totp(secret, -1) });
  assert.equal(r.status, 401, 'a code older than the one used at enrolment is a replay');
  r = await c2.post('/login/mfa', { code: totp(secret, 1) });
  assert.equal(r.status, 303);
  assert.equal(r.location, '/');
  r = await c2.get('/api/v1/me');
  assert.equal(JSON.parse(r.text).login, 'kato');

  // A recovery code works once.
  const c3 = new Client(srv.base);
  await c3.get('/login');
  await c3.post('/login', { login: 'kato', password: 'kato-new-pass-2' });
  await c3.get('/login/mfa');
  r = await c3.post('/login/mfa', { code: codes[0].toLowerCase() });
  assert.equal(r.location, '/');
  const c4 = new Client(srv.base);
  await c4.get('/login');
  await c4.post('/login', { login: 'kato', password: 'kato-new-pass-2' });
  await c4.get('/login/mfa');
  r = await c4.post('/login/mfa', { code: codes[0] });
  assert.equal(r.status, 401);
});

test('a form without its CSRF token is refused and changes nothing', async () => {
  const c = new Client(srv.base);
  await c.get('/login');
  let r = await c.request('POST', '/login', { form: { login: 'nobody', password: 'x' } });
  assert.equal(r.status, 403);
  r = await c.request('POST', '/login', { form: { _csrf: 'f'.repeat(64), login: 'nobody', password: 'x' } });
  assert.equal(r.status, 403);
  addUser('csrfadmin', 'admin', 'csrf-admin-pass-1');
  const { client } = await loginThroughPages(srv.base, 'csrfadmin', 'csrf-admin-pass-1', { newPassword: 'csrf-admin-pass-2' });
  r = await client.request('POST', '/admin/users/new', { form: { login: 'evil', display_name: 'x', role: 'admin', password: 'evil-password-123' } });
  assert.equal(r.status, 403);
  assert.equal(srv.cli(['user', 'list']).stdout.includes('evil'), false);
});

test('an idle session expires and the expiry is audited', async () => {
  addUser('idle', 'hub_coordinator', 'idle-pass-123');
  const { client } = await loginThroughPages(srv.base, 'idle', 'idle-pass-123', { newPassword: 'idle-pass-456' });
  let r = await client.get('/');
  assert.equal(r.status, 200);
  await new Promise((res) => setTimeout(res, 6000));
  r = await client.get('/');
  assert.equal(r.status, 303);
  assert.match(r.location, /^\/login/);
  const audit = srv.cli(['audit', 'verify']);
  assert.equal(audit.status, 0, audit.stderr);
});

test('API tokens: /api/v1/me answers who you are; revoked, wrong or missing tokens get 401', async () => {
  addUser('apiadmin', 'admin', 'api-admin-pass-1');
  addUser('apihub', 'hub_coordinator', 'api-hub-pass-1');
  const made = srv.cli(['token', 'create', '--login', 'apiadmin', '--name', 'report job']);
  assert.equal(made.status, 0, made.stderr);
  const token = made.stdout.trim().split('\n').pop();
  assert.match(token, /^rk_[0-9a-f]{64}$/);
  const get = (p, t) => fetch(srv.base + p, { headers: t ? { authorization: `Bearer ${t}` } : {} });
  let r = await get('/api/v1/me', token);
  assert.equal(r.status, 200);
  const me = await r.json();
  assert.equal(me.login, 'apiadmin');
  assert.deepEqual(me.roles, ['admin']);
  assert.equal(me.auth, 'token');
  assert.equal((await get('/api/v1/me')).status, 401);
  assert.equal((await get('/api/v1/me', 'rk_' + '0'.repeat(64))).status, 401);
  const body = await (await get('/api/v1/me')).json();
  assert.equal(body.error, 'unauthenticated');

  // A token is refused what its account may not do.
  const hubToken = srv.cli(['token', 'create', '--login', 'apihub']).stdout.trim().split('\n').pop();
  assert.equal((await get('/api/v1/audit', hubToken)).status, 403);
  r = await get('/api/v1/audit?subject=user:apiadmin', token);
  assert.equal(r.status, 200);
  const audit = await r.json();
  assert.deepEqual(audit.items.map((e) => e.action).sort(), ['token.created', 'user.created']);
  // Reading the audit log is itself recorded.
  r = await get('/api/v1/audit?actor=apiadmin&action=audit.', token);
  const reads = await r.json();
  assert.ok(reads.items.length >= 1 && reads.items.every((e) => e.actor === 'apiadmin' && e.action === 'audit.viewed'));

  // Tokens are not stored in the clear and can be revoked.
  const id = srv.cli(['token', 'list', '--login', 'apiadmin']).stdout.split('\t')[0];
  assert.equal(srv.cli(['token', 'revoke', '--id', id]).status, 0);
  assert.equal((await get('/api/v1/me', token)).status, 401);
});
