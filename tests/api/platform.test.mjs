// The server as infrastructure: health, metrics, headers, HTTP limits on a raw socket, migrations
// refusing a newer database, the audit chain catching tampering, backups, and draining on SIGTERM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, freshDatabase, cli, sql, Client, rawHttp, ENGINE } from './harness.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

const raw = (payload) => rawHttp(srv.base, payload);

test(`health, readiness and metrics answer (${ENGINE})`, async () => {
  let r = await fetch(srv.base + '/healthz');
  assert.equal(r.status, 200);
  r = await fetch(srv.base + '/readyz');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'ready\n');
  r = await fetch(srv.base + '/metrics');
  const text = await r.text();
  assert.match(text, /renkei_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
  assert.match(text, /renkei_http_request_duration_seconds_bucket\{le="\+Inf"\}/);
  assert.match(text, /renkei_db_pool_size \d+/);
});

test('pages carry a strict CSP and the other security headers; cookies are HttpOnly and SameSite', async () => {
  const r = await fetch(srv.base + '/login');
  assert.match(r.headers.get('content-security-policy'), /script-src 'self'/);
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('referrer-policy'), 'same-origin');
  const cookie = r.headers.getSetCookie().join('\n');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const html = await r.text();
  assert.match(html, /デモ環境/);
  assert.doesNotMatch(html, /<script>|onclick=|style="/, 'no inline script or style');
});

test('static assets have ETags and fingerprinted long caching', async () => {
  const page = await (await fetch(srv.base + '/login')).text();
  const css = /href="(\/static\/app\.css\?v=[0-9a-f]+)"/.exec(page)[1];
  let r = await fetch(srv.base + css);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control'), /immutable/);
  const etag = r.headers.get('etag');
  r = await fetch(srv.base + '/static/app.css', { headers: { 'if-none-match': etag } });
  assert.equal(r.status, 304);
  r = await fetch(srv.base + '/static/vendor/htmx.min.js');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /javascript/);
  assert.equal((await fetch(srv.base + '/static/..%2Fmigrations%2F0001_platform.sql')).status, 404);
});

test('unknown pages are 404 in Japanese, a wrong method is 405', async () => {
  let r = await fetch(srv.base + '/no/such/page');
  assert.equal(r.status, 404);
  assert.match(await r.text(), /見つかりませんでした/);
  r = await fetch(srv.base + '/healthz', { method: 'DELETE' });
  assert.equal(r.status, 405);
});

test('malformed, oversized and slow-header requests are refused without harming the server', async () => {
  assert.match(await raw('GARBAGE\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a'.repeat(20000) + '\r\n\r\n'), /^HTTP\/1\.1 431/);
  assert.match(await raw('POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n' + 'a'.repeat(1000)), /^HTTP\/1\.1 413/);
  assert.match(await raw('GET /%zz%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), /^HTTP\/1\.1 (400|404)/);
  const r = await fetch(srv.base + '/healthz');
  assert.equal(r.status, 200);
});

test('keep-alive serves several requests on one connection', async () => {
  const reply = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal((reply.match(/HTTP\/1\.1 200/g) || []).length, 2);
});

test('the audit log verifies, and altering, removing or cutting entries is detected', async () => {
  const ok = srv.cli(['audit', 'verify']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /intact: \d+ entries/);

  // The database refuses changes to the log.
  assert.throws(() => sql(srv.db, "UPDATE audit_log SET actor = 'x' WHERE seq = 1"));
  assert.throws(() => sql(srv.db, 'DELETE FROM audit_log WHERE seq = 1'));

  // Someone with full database access removes the guard and edits an entry: verify says so.
  const db = freshDatabase();
  assert.equal(cli(['demo', '--db', db.url]).status, 0);
  const drop = db.kind === 'sqlite' ? 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;' : 'DROP TRIGGER audit_log_no_change ON audit_log;';
  sql(db, drop + " UPDATE audit_log SET detail = 'nothing happened' WHERE seq = 2;");
  let v = cli(['audit', 'verify', '--db', db.url]);
  assert.equal(v.status, 1);
  assert.match(v.stderr, /entry 2 was altered/);

  const db2 = freshDatabase();
  assert.equal(cli(['demo', '--db', db2.url]).status, 0);
  sql(db2, drop + ' DELETE FROM audit_log WHERE seq = 3;');
  v = cli(['audit', 'verify', '--db', db2.url]);
  assert.equal(v.status, 1);
  assert.match(v.stderr, /entry 3 is missing/);

  const db3 = freshDatabase();
  assert.equal(cli(['demo', '--db', db3.url]).status, 0);
  sql(db3, drop + ' DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log);');
  v = cli(['audit', 'verify', '--db', db3.url]);
  assert.equal(v.status, 1);
  assert.match(v.stderr, /removed/);
  for (const d of [db, db2, db3]) d.cleanup();
});

test('a database newer than the binary is refused by serve and migrate', () => {
  const db = freshDatabase();
  assert.equal(cli(['migrate', '--db', db.url]).status, 0);
  sql(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future.sql', '2030-01-01T00:00:00.000Z')");
  let r = cli(['serve', '--db', db.url, '--listen', '127.0.0.1:0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /新しい版/);
  r = cli(['migrate', '--db', db.url]);
  assert.notEqual(r.status, 0);
  db.cleanup();
});

test('an older database must be migrated before serving', () => {
  const db = freshDatabase();
  if (db.kind === 'sqlite') sql(db, 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const r = cli(['serve', '--db', db.url, '--listen', '127.0.0.1:0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /renkei migrate/);
  db.cleanup();
});

test('backups are encrypted, generational, and restore every row into an empty database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'renkei-bk-'));
  const key = path.join(dir, 'backup.key');
  for (let i = 0; i < 3; i++) {
    const r = srv.cli(['backup', '--out', path.join(dir, 'gen'), '--key-file', key, '--keep', '2']);
    assert.equal(r.status, 0, r.stderr);
  }
  const files = readdirSync(path.join(dir, 'gen')).filter((f) => f.endsWith('.rkbk')).sort();
  assert.equal(files.length, 2, 'only the newest 2 generations are kept');
  const file = path.join(dir, 'gen', files[1]);
  const bytes = readFileSync(file);
  assert.equal(bytes.includes(Buffer.from('argon2id')), false, 'nothing readable inside');
  assert.equal(bytes.includes(Buffer.from('本庄市')), false);

  const target = freshDatabase();
  let r = cli(['restore', '--db', target.url, '--from', file, '--key-file', key]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /restored \d+ rows/);
  assert.match(cli(['user', 'list', '--db', target.url]).stdout, /^admin\tadmin/m);
  assert.equal(cli(['audit', 'verify', '--db', target.url]).status, 0);
  // Not twice into the same database, and not with the wrong key or a damaged file.
  r = cli(['restore', '--db', target.url, '--from', file, '--key-file', key]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /空ではありません/);
  const other = freshDatabase();
  const wrongKey = path.join(dir, 'wrong.key');
  writeFileSync(wrongKey, Buffer.alloc(32, 7));
  r = cli(['restore', '--db', other.url, '--from', file, '--key-file', wrongKey]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /復号できません/);
  const cut = path.join(dir, 'cut.rkbk');
  writeFileSync(cut, bytes.subarray(0, bytes.length - 20));
  r = cli(['restore', '--db', other.url, '--from', cut, '--key-file', key]);
  assert.notEqual(r.status, 0);
  for (const d of [target, other]) d.cleanup();
});

test('SIGTERM drains and exits cleanly', async () => {
  const s = await startServer();
  const c = new Client(s.base);
  assert.equal((await c.get('/healthz')).status, 200);
  const exited = new Promise((r) => s.proc.on('exit', (code, sig) => r({ code, sig })));
  const t0 = Date.now();
  s.proc.kill('SIGTERM');
  const { code, sig } = await exited;
  assert.equal(code, 0, `exit ${code} ${sig}: ${s.log().slice(-3000)}`);
  assert.ok(Date.now() - t0 < 10000);
  assert.match(s.log(), /server stopped/);
  await s.stop();
});
