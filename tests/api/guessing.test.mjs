// Guessing, as an attacker would: the second factor cannot be tried without end (a right password does
// not reset the count of wrong codes), a run of wrong passwords locks the login for a period that grows
// instead of for ever, a login in progress cannot undo a disable, and refused attempts reach the audit
// log as one summary per address and window instead of one row each. Short limits from a test
// configuration; each group runs its own server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, Client, totp, loginThroughPages, sql, ENGINE } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function config(lines) {
  const dir = mkdtempSync(path.join(tmpdir(), 'renkei-conf-'));
  const file = path.join(dir, 'renkei.toml');
  writeFileSync(file, `[security]\n${lines.join('\n')}\n`);
  return file;
}

function addUser(srv, login, role, password, extra = []) {
  const r = srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: password + '\n' });
  assert.equal(r.status, 0, r.stderr);
}

// A user past first login: password changed, two-factor enrolled. Returns { password, secret }.
async function enrolledUser(srv, login) {
  addUser(srv, login, 'hub_coordinator', 'initial-pass-1');
  const done = await loginThroughPages(srv.base, login, 'initial-pass-1', { newPassword: `${login}-pass-2` });
  return { password: done.password, secret: done.secret };
}

async function passwordStep(srv, login, password) {
  const c = new Client(srv.base);
  await c.get('/login');
  const r = await c.post('/login', { login, password, next: '/' });
  return { c, r };
}

// Six digits that are not any code the secret accepts now (the window is one step either side).
function wrongCode(secret) {
  const good = new Set([-1, 0, 1].map((o) => totp(secret, o)));
  for (let n = 123456; ; n++) if (!good.has(String(n))) return String(n);
}

function activeSessions(srv, login) {
  return Number(sql(srv.db, `SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = '${login}' AND s.revoked_at IS NULL`).trim());
}

describe(`the second factor (${ENGINE})`, () => {
  let srv;
  before(async () => {
    srv = await startServer({ env: { RENKEI_CONFIG: config(['code_backoff_after = 2', 'code_backoff_seconds = 1', 'code_lock_after = 5', 'login_address_limit = 500']) } });
  });
  after(async () => { await srv.stop(); });

  test('wrong codes count on their own: logging in again does not reset them, and the fifth locks the second factor', async () => {
    const { password, secret } = await enrolledUser(srv, 'hubguess');
    const judged = [];
    let locked = null;
    // A session of the real user, waiting at the prompt when the lock comes.
    const spare = (await passwordStep(srv, 'hubguess', password)).c;
    await spare.get('/login/mfa');
    // The attack of the report: log in, try codes, log in again, for as long as the server lets us.
    for (let round = 0; round < 60 && !locked; round++) {
      const { c, r } = await passwordStep(srv, 'hubguess', password);
      assert.equal(r.location, '/login/mfa');
      await c.get('/login/mfa');
      for (let i = 0; i < 4 && !locked; i++) {
        // Every other guess is a recovery code: they share the count.
        const code = (judged.length % 2) ? 'ABCDE-FGHIJ' : wrongCode(secret);
        const a = await c.post('/login/mfa', { code });
        if (a.status === 401) { judged.push(code); continue; }
        if (a.status === 429) {
          assert.ok(Number(a.headers.get('retry-after')) >= 1, 'a wait says how long');
          assert.match(a.text, /少し待って/);
          await sleep(Number(a.headers.get('retry-after')) * 1000);
          continue;
        }
        assert.equal(a.status, 403, a.text.slice(0, 200));
        locked = a;
      }
    }
    assert.ok(locked, 'the guessing ended in a lock');
    assert.equal(judged.length, 4, 'four wrong codes were judged; the fifth locked');
    assert.match(locked.text, /二段階認証をロックしました/);
    // Until an admin unlocks, even the right password is refused before it is checked (so the answer
    // says nothing of it), and a session that was at the prompt when the lock came cannot use the right code.
    let { c, r } = await passwordStep(srv, 'hubguess', password);
    assert.equal(r.status, 403);
    assert.match(r.text, /二段階認証をロックしました/);
    assert.equal((await passwordStep(srv, 'hubguess', 'not-the-password')).r.status, 403, 'the same answer for a wrong password');
    r = await spare.post('/login/mfa', { code: totp(secret) });
    assert.equal(r.location, '/login', 'the right code after the lock is refused: the session is gone');
    assert.equal((await spare.get('/api/v1/me')).status, 401);
    assert.equal(activeSessions(srv, 'hubguess'), 0, 'the lock ends every session of the account');
    assert.match(srv.cli(['user', 'list']).stdout, /hubguess\thub_coordinator\t-\tcode-locked/);
    assert.equal(srv.cli(['user', 'unlock', '--login', 'hubguess']).status, 0);
    ({ c, r } = await passwordStep(srv, 'hubguess', password));
    await c.get('/login/mfa');
    r = await c.post('/login/mfa', { code: totp(secret, 1) });
    assert.equal(r.status, 303, 'after the unlock the right code logs in');
    assert.equal((await c.get('/api/v1/me')).status, 200);
    const log = srv.cli(['audit', 'verify']);
    assert.equal(log.status, 0, log.stderr);
  });

  test('a right code clears the count of wrong ones', async () => {
    const { password, secret } = await enrolledUser(srv, 'hubreplay');
    const { c } = await passwordStep(srv, 'hubreplay', password);
    await c.get('/login/mfa');
    assert.equal((await c.post('/login/mfa', { code: wrongCode(secret) })).status, 401);
    assert.equal(Number(sql(srv.db, "SELECT mfa_failures FROM users WHERE login = 'hubreplay'").trim()), 1);
    assert.equal((await c.post('/login/mfa', { code: totp(secret, 1) })).status, 303);
    assert.equal(Number(sql(srv.db, "SELECT mfa_failures FROM users WHERE login = 'hubreplay'").trim()), 0);
  });

  test('eight sessions sending one fresh code at once: one gets in, the rest are replays', async () => {
    const { password, secret } = await enrolledUser(srv, 'hubparallel');
    const sessions = [];
    for (let i = 0; i < 8; i++) {
      const s = await passwordStep(srv, 'hubparallel', password);
      await s.c.get('/login/mfa');
      sessions.push(s.c);
    }
    const code = totp(secret, 1);  // newer than the one used at enrolment
    const answers = await Promise.all(sessions.map((s) => s.post('/login/mfa', { code })));
    assert.equal(answers.filter((a) => a.status === 303).length, 1, answers.map((a) => a.status).join(','));
  });
});

describe(`wrong passwords (${ENGINE})`, () => {
  let srv;
  before(async () => {
    srv = await startServer({ env: { RENKEI_CONFIG: config(['login_backoff_after = 100', 'login_lock_after = 3', 'login_lock_seconds = 2', 'login_address_limit = 500']) } });
  });
  after(async () => { await srv.stop(); });

  test('lock the login for a while, longer each time, and the right password and code get through after it', async () => {
    const { password, secret } = await enrolledUser(srv, 'admintarget');
    for (let i = 0; i < 3; i++) assert.equal((await passwordStep(srv, 'admintarget', 'guess-' + i)).r.status, 401);
    let { r } = await passwordStep(srv, 'admintarget', password);
    assert.equal(r.status, 403, 'the right password waits while the lock lasts');
    assert.match(r.text, /一時的に止めています/);
    const first = Number(r.headers.get('retry-after'));
    assert.ok(first >= 1 && first <= 3, `Retry-After ${first}`);
    await sleep(first * 1000 + 100);
    // One more wrong password after the lock: the next lock is four times longer.
    assert.equal((await passwordStep(srv, 'admintarget', 'guess-again')).r.status, 401);
    r = (await passwordStep(srv, 'admintarget', password)).r;
    assert.equal(r.status, 403);
    const second = Number(r.headers.get('retry-after'));
    assert.ok(second > 3 && second <= 9, `the second lock is longer: ${second}`);
    await sleep(second * 1000 + 100);
    const s = await passwordStep(srv, 'admintarget', password);
    assert.equal(s.r.location, '/login/mfa');
    await s.c.get('/login/mfa');
    assert.equal((await s.c.post('/login/mfa', { code: totp(secret, 1) })).status, 303);
    // A complete login ends the history: the next lock is short again.
    assert.equal(Number(sql(srv.db, "SELECT lock_count FROM users WHERE login = 'admintarget'").trim()), 0);
  });

  test('the admin unlock still works during a lock', async () => {
    addUser(srv, 'editorlock', 'facility_editor', 'editor-pass-long-1', ['--org', createFacility(srv)]);
    for (let i = 0; i < 3; i++) await passwordStep(srv, 'editorlock', 'nope-' + i);
    assert.equal((await passwordStep(srv, 'editorlock', 'editor-pass-long-1')).r.status, 403);
    assert.equal(srv.cli(['user', 'unlock', '--login', 'editorlock']).status, 0);
    assert.equal((await passwordStep(srv, 'editorlock', 'editor-pass-long-1')).r.status, 303);
  });

  test('parallel wrong and right logins while the account is disabled: it ends disabled, with no session', async () => {
    addUser(srv, 'racer', 'facility_editor', 'racer-pass-long-1', ['--org', createFacility(srv)]);
    for (let round = 0; round < 4; round++) {
      assert.equal(srv.cli(['user', 'enable', '--login', 'racer']).status, 0);
      assert.equal(srv.cli(['user', 'unlock', '--login', 'racer']).status, 0);
      const logins = [];
      for (let i = 0; i < 6; i++) logins.push(passwordStep(srv, 'racer', i % 2 ? 'racer-pass-long-1' : 'wrong-' + i).then((x) => x.r));
      await sleep(round * 15);
      const disabled = srv.cli(['user', 'disable', '--login', 'racer']);
      assert.equal(disabled.status, 0, disabled.stderr);
      await Promise.all(logins);
      assert.match(srv.cli(['user', 'list']).stdout, /racer\tfacility_editor\t-\tdisabled/, `round ${round}`);
      assert.equal(activeSessions(srv, 'racer'), 0, `round ${round}: no session outlives the disable`);
    }
  });
});

function createFacility(srv) {
  const r = srv.cli(['org', 'add', '--name', 'テスト居宅介護支援事業所' + Math.random().toString(36).slice(2, 6), '--kind', 'care_management', '--municipality', '112119']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split(/\s+/).pop();
}

describe(`refused attempts in the audit log (${ENGINE})`, () => {
  let srv;
  before(async () => {
    srv = await startServer({ env: { RENKEI_CONFIG: config(['login_address_limit = 3', 'login_address_window_seconds = 3']) } });
  });
  after(async () => { await srv.stop(); });

  test('a flood from one address becomes one audit entry a window with its count; failed logins name the login as claimed', async () => {
    addUser(srv, 'auditor', 'admin', 'auditor-pass-long-1');
    const token = srv.cli(['token', 'create', '--login', 'auditor']).stdout.trim().split('\n').pop();
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await passwordStep(srv, 'auditor', 'flood-' + i)).r.status);
    assert.equal(statuses.filter((s) => s === 401).length, 3);
    assert.equal(statuses.filter((s) => s === 429).length, 37);
    await sleep(3500);  // the window ends
    const res = await fetch(`${srv.base}/api/v1/audit?action=auth.&per_page=500`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const entries = (await res.json()).items;
    // One entry per window: a flood that crosses a window's end (a slow machine, a sanitizer build) is two.
    const throttled = entries.filter((e) => e.action === 'auth.throttled');
    assert.ok(throttled.length >= 1 && throttled.length <= 2, JSON.stringify(throttled));
    for (const e of throttled) assert.equal(e.subject, 'addr:127.0.0.1');
    const counted = throttled.reduce((n, e) => n + Number(/^(\d+) attempts refused/.exec(e.detail)[1]), 0);
    assert.equal(counted, 37, 'every refused attempt is counted once');
    const failed = entries.filter((e) => e.action === 'auth.login_failed');
    assert.equal(failed.length, 3);
    for (const e of failed) {
      assert.equal(e.actor, 'anonymous', 'the typed login is not who acted');
      assert.equal(e.subject, 'user:auditor');
      assert.match(e.detail, /^claimed login/);
    }
    // Rows of old failures go: a window later the address may log in again.
    assert.equal((await passwordStep(srv, 'auditor', 'auditor-pass-long-1')).r.status, 303);
  });
});
