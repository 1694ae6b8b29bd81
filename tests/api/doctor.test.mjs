// `renkei doctor`: the report a town's IT department reads after installing, and its exit code — 0
// when nothing needs action, 1 when something does (a missing or readable secret key, no backup, an
// old backup, a schema to migrate), on the engine under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, chmodSync, readdirSync, utimesSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, freshDatabase } from './harness.mjs';

function setup() {
  const db = freshDatabase();
  assert.equal(cli(['migrate', '--db', db.url]).status, 0);
  const dir = mkdtempSync(path.join(tmpdir(), 'renkei-doctor-test-'));
  const key = path.join(dir, 'secret.key');
  assert.equal(cli(['secret-key', '--out', key]).status, 0);
  const config = path.join(dir, 'renkei.toml');
  writeFileSync(config, `[database]\nurl = "${db.url}"\n[security]\nsecret_key_file = "${key}"\n` +
    `[server]\npublic_url = "https://renkei.example.jp"\nsecure_cookies = true\n` +
    `[backup]\ndir = "${dir}/backups"\nkey_file = "${dir}/backup.key"\n[files]\ndir = "${dir}/files"\n`);
  const doctor = () => cli(['--config', config, 'doctor']);
  return { db, dir, key, config, doctor, cleanup() { db.cleanup(); rmSync(dir, { recursive: true, force: true }); } };
}

const line = (out, topic) => out.split('\n').find((l) => l.includes(` ${topic}:`)) || '';

test('a new install without a key or backups is told what to do', () => {
  const db = freshDatabase();
  assert.equal(cli(['migrate', '--db', db.url]).status, 0);
  const r = cli(['doctor', '--db', db.url], { env: { RENKEI_CONFIG: '', RENKEI_SECRET_KEY_FILE: '' } });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(line(r.stdout, 'データベース'), /^\[OK\].*最新/);
  assert.match(line(r.stdout, '秘密鍵'), /^\[要対応\].*secret-key/);
  assert.match(line(r.stdout, 'バックアップ'), /^\[要対応\]/);
  assert.match(line(r.stdout, '監査ログ'), /^\[OK\]/);
  db.cleanup();
});

test('a configured install with a fresh backup passes, and the backup is restored on trial', () => {
  const s = setup();
  let r = cli(['--config', s.config, 'backup']);
  assert.equal(r.status, 0, r.stderr);
  r = s.doctor();
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(line(r.stdout, 'バックアップ'), /^\[OK\].*復元できました（\d+ 行）/);
  assert.match(line(r.stdout, '公開アドレス'), /^\[OK\]/);
  assert.doesNotMatch(r.stdout, /要対応/);
  assert.equal(readdirSync(tmpdir()).some((f) => /^renkei-doctor-[0-9a-f]{16}$/.test(f)), false, 'the trial database is removed');
  s.cleanup();
});

test('care-team files: a PostgreSQL server without [files] dir, or a directory others may enter, needs action', () => {
  const s = setup();
  assert.equal(cli(['--config', s.config, 'backup']).status, 0);
  mkdirSync(path.join(s.dir, 'files'), { mode: 0o755 });
  chmodSync(path.join(s.dir, 'files'), 0o755);
  let r = s.doctor();
  assert.match(line(r.stdout, 'ファイル保存先'), /^\[要対応\].*0700/);
  chmodSync(path.join(s.dir, 'files'), 0o700);
  r = s.doctor();
  assert.match(line(r.stdout, 'ファイル保存先'), /^\[OK\]/);
  // Without the setting: beside a SQLite database it has a place; on PostgreSQL it has none.
  writeFileSync(s.config, readFileSync(s.config, 'utf8').replace(/\[files\]\ndir = .*\n/, ''));
  r = s.doctor();
  if (s.db.kind === 'postgresql') assert.match(line(r.stdout, 'ファイル保存先'), /^\[要対応\].*\[files\] dir/);
  else assert.match(line(r.stdout, 'ファイル保存先'), /^\[OK\].*renkei\.db\.files/);
  s.cleanup();
});

test('a key others can read, an old backup and a plain-http address each need action', () => {
  const s = setup();
  assert.equal(cli(['--config', s.config, 'backup']).status, 0);
  chmodSync(s.key, 0o644);
  let r = s.doctor();
  assert.equal(r.status, 1);
  assert.match(line(r.stdout, '秘密鍵'), /^\[要対応\].*chmod 600/);
  chmodSync(s.key, 0o600);
  const backups = path.join(s.dir, 'backups');
  const old = (Date.now() - 3 * 24 * 3600 * 1000) / 1000;
  for (const f of readdirSync(backups)) utimesSync(path.join(backups, f), old, old);
  r = s.doctor();
  assert.equal(r.status, 1);
  assert.match(line(r.stdout, 'バックアップ'), /^\[要対応\].*7\d 時間前/);
  r = cli(['--config', s.config, 'doctor'], { env: { RENKEI_PUBLIC_URL: 'http://renkei.example.jp' } });
  assert.match(line(r.stdout, '公開アドレス'), /^\[要対応\].*https/);
  s.cleanup();
});

test('a database at an older schema is told to migrate', () => {
  const db = freshDatabase();
  const r = cli(['doctor', '--db', db.url], { env: { RENKEI_CONFIG: '' } });
  assert.equal(r.status, 1);
  assert.match(line(r.stdout, 'データベース'), /^\[要対応\].*renkei migrate/);
  db.cleanup();
});
