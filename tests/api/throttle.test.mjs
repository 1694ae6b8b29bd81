// Login throttling and lockout (short limits from a test configuration): failures on one account get
// 429 with Retry-After and back-off, then lock the login for a while, which an admin can end; many failures
// from one address get 429 for every login from there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, Client } from './harness.mjs';

let srv;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'renkei-conf-'));
  const conf = path.join(dir, 'renkei.toml');
  writeFileSync(conf, `[security]\nlogin_backoff_after = 3\nlogin_backoff_seconds = 1\nlogin_lock_after = 5\nlogin_address_limit = 8\n`);
  srv = await startServer({ env: { RENKEI_CONFIG: conf } });
});
after(async () => { await srv.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function attempt(login, password) {
  const c = new Client(srv.base);
  await c.get('/login');
  return c.post('/login', { login, password });
}

test('failures on one account back off, then lock it for a while; an admin unlocks it', async () => {
  const add = srv.cli(['user', 'add', '--login', 'target', '--role', 'municipal_staff', '--municipality', '113816'], { input: 'target-pass-1\n' });
  assert.equal(add.status, 0, add.stderr);
  for (let i = 0; i < 3; i++) assert.equal((await attempt('target', 'wrong')).status, 401);
  let r = await attempt('target', 'target-pass-1');
  assert.equal(r.status, 429, 'even the right password waits during back-off');
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  assert.match(r.text, /少し待って/);
  await sleep(1100);
  assert.equal((await attempt('target', 'wrong')).status, 401);
  await sleep(2100);
  assert.equal((await attempt('target', 'wrong')).status, 401);  // the 5th failure locks
  r = await attempt('target', 'target-pass-1');
  assert.equal(r.status, 403);
  assert.match(r.text, /一時的に止めています/);
  assert.ok(Number(r.headers.get('retry-after')) > 800, 'the first lock lasts 15 minutes');
  assert.match(srv.cli(['user', 'list']).stdout, /target\tmunicipal_staff\t113816\tlocked/);
  assert.equal(srv.cli(['user', 'unlock', '--login', 'target']).status, 0);
  r = await attempt('target', 'target-pass-1');
  assert.equal(r.status, 303);
  const log = srv.cli(['audit', 'verify']);
  assert.equal(log.status, 0);
});

test('many failures from one address get 429 for any login from there', async () => {
  let last;
  for (let i = 0; i < 12; i++) {
    last = await attempt(`ghost${i}`, 'wrong');
    if (last.status === 429) break;
  }
  assert.equal(last.status, 429);
  assert.match(last.text, /15分/);
  assert.ok(Number(last.headers.get('retry-after')) > 60);
});
