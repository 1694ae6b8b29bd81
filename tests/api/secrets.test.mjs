// Two-factor secrets sealed under a server key kept outside the database ([security] secret_key_file):
// the database holds no usable secret, logins work as before, secrets enrolled before the key are sealed
// when it arrives, and a database read without its key fails closed with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, loginThroughPages, sql, cli, ENGINE } from './harness.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'renkei-key-'));
const secretOf = (db, login) => sql(db, `SELECT totp_secret FROM users WHERE login = '${login}'`).trim();

test(`a secret key seals two-factor secrets; without it the database is refused (${ENGINE})`, async () => {
  const keyFile = path.join(dir, 'secret.key');
  let r = cli(['secret-key', '--out', keyFile]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'readable by its owner only');
  assert.notEqual(cli(['secret-key', '--out', keyFile]).status, 0, 'never overwritten');

  const srv = await startServer({ env: { RENKEI_SECRET_KEY_FILE: keyFile } });
  try {
    assert.equal(srv.cli(['user', 'add', '--login', 'coordinator', '--role', 'hub_coordinator'], { input: 'coord-pass-123\n' }).status, 0);
    const { secret, password } = await loginThroughPages(srv.base, 'coordinator', 'coord-pass-123', { newPassword: 'coord-pass-456' });
    const stored = secretOf(srv.db, 'coordinator');
    assert.match(stored, /^enc:v1:[A-Za-z0-9+/=]+$/);
    assert.ok(!stored.includes(secret), 'the base32 secret is not in the database');
    // The next login's second factor is checked against the opened secret.
    const again = await loginThroughPages(srv.base, 'coordinator', password, { secret });
    assert.equal((await again.client.get('/')).status, 200);

    // Without the key, reading users fails with the reason instead of treating the secret as absent.
    r = srv.cli(['user', 'list']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /secret key/);
    // With another key, likewise.
    const other = path.join(dir, 'other.key');
    assert.equal(cli(['secret-key', '--out', other]).status, 0);
    r = srv.cli(['user', 'list'], { env: { RENKEI_SECRET_KEY_FILE: other } });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /does not open/);
    // A key file that is not a key stops the command.
    r = srv.cli(['user', 'list'], { env: { RENKEI_SECRET_KEY_FILE: path.join(dir, 'missing.key') } });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /secret key file cannot be read/);
  } finally {
    await srv.stop();
  }
});

test(`secrets enrolled before the key are sealed when it is configured (${ENGINE})`, async () => {
  const keyFile = path.join(dir, 'later.key');
  assert.equal(cli(['secret-key', '--out', keyFile]).status, 0);
  const srv = await startServer();
  try {
    assert.equal(srv.cli(['user', 'add', '--login', 'early', '--role', 'hub_coordinator'], { input: 'early-pass-123\n' }).status, 0);
    const { secret, password } = await loginThroughPages(srv.base, 'early', 'early-pass-123', { newPassword: 'early-pass-456' });
    assert.equal(secretOf(srv.db, 'early'), secret, 'without a key the secret is stored as it is');
    const r = srv.cli(['user', 'list'], { env: { RENKEI_SECRET_KEY_FILE: keyFile } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /sealed 1 two-factor secrets/);
    assert.match(secretOf(srv.db, 'early'), /^enc:v1:/);
    await srv.halt();
    // A server with the key logs the user in with the same authenticator.
    const keyed = await startServer({ env: { RENKEI_SECRET_KEY_FILE: keyFile }, db: srv.db });
    try {
      const again = await loginThroughPages(keyed.base, 'early', password, { secret });
      assert.equal((await again.client.get('/')).status, 200);
    } finally {
      await keyed.stop();
    }
  } finally {
    await srv.stop();
  }
});
