// Large uploads, as a stranger would try them: the server decides from the request's head (login and
// permission) before it reads a byte of a body bound for disk, holds few uploads at once per address and
// in all, caps the connections of one address, and keeps what it receives in directories and files only
// its own user can open, refusing to start with a directory someone else could have prepared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, chmodSync, readdirSync, statSync, writeFileSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, holdRaw, rawHttp, cli, ENGINE } from './harness.mjs';

let srv;
const tokens = {};
const dirs = {};

function config(lines) {
  const dir = mkdtempSync(path.join(tmpdir(), 'renkei-conf-'));
  const file = path.join(dir, 'renkei.toml');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

before(async () => {
  const base = mkdtempSync(path.join(tmpdir(), 'renkei-up-'));
  dirs.uploads = path.join(base, 'uploads');
  dirs.imports = path.join(base, 'imports');
  srv = await startServer({ env: { RENKEI_CONFIG: config(['[server]', `upload_dir = "${dirs.uploads}"`, '[directory]', `import_dir = "${dirs.imports}"`]) } });
  for (const [login, role, extra] of [['staff', 'municipal_staff', ['--municipality', '112119']], ['hubu', 'hub_coordinator', []]]) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass\n` }).status, 0);
    tokens[login] = srv.cli(['token', 'create', '--login', login]).stdout.trim().split('\n').pop();
  }
});
after(async () => { await srv.stop(); });

const head = (auth, extra = '') =>
  `POST /admin/directory/import HTTP/1.1\r\nHost: x\r\n${auth ? `Authorization: Bearer ${auth}\r\n` : ''}` +
  `Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000000\r\n${extra}\r\n`;

test(`a large body is refused from its head when the sender is not logged in or not allowed (${ENGINE})`, async () => {
  // No body follows these heads: an answer at all proves the server did not wait for one.
  let reply = await rawHttp(srv.base, head(''), 3000);
  assert.match(reply, /^HTTP\/1\.1 401/);
  assert.match(reply, /Connection: close/i);
  reply = await rawHttp(srv.base, head(tokens.hubu), 3000);
  assert.match(reply, /^HTTP\/1\.1 403/);
  reply = await rawHttp(srv.base, head('rk_' + 'f'.repeat(64)), 3000);
  assert.match(reply, /^HTTP\/1\.1 401/);
  assert.deepEqual(readdirSync(dirs.uploads), [], 'nothing was written for them');
});

test(`a permitted sender is invited to send, into a private file; a third upload at once from one address waits (${ENGINE})`, async () => {
  const a = await holdRaw(srv.base, head(tokens.staff, 'Expect: 100-continue\r\n'));
  const b = await holdRaw(srv.base, head(tokens.staff, 'Expect: 100-continue\r\n'));
  try {
    assert.match(a.data, /^HTTP\/1\.1 100 Continue/);
    assert.match(b.data, /^HTTP\/1\.1 100 Continue/);
    const files = readdirSync(dirs.uploads);
    assert.equal(files.length, 2);
    for (const f of files) assert.equal(statSync(path.join(dirs.uploads, f)).mode & 0o777, 0o600);
    assert.equal(statSync(dirs.uploads).mode & 0o777, 0o700);
    const c = await holdRaw(srv.base, head(tokens.staff, 'Expect: 100-continue\r\n'));
    assert.match(c.data, /^HTTP\/1\.1 503/);
    assert.match(c.data, /Retry-After: 30/i);
    c.close();
  } finally {
    a.close();
    b.close();
  }
  // The slots come back when those uploads end.
  await new Promise((r) => setTimeout(r, 300));
  const d = await holdRaw(srv.base, head(tokens.staff, 'Expect: 100-continue\r\n'));
  assert.match(d.data, /^HTTP\/1\.1 100 Continue/);
  d.close();
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(readdirSync(dirs.uploads), [], 'uploads that broke off leave nothing behind');
});

test(`files waiting between preview and import are private (${ENGINE})`, async () => {
  const form = new FormData();
  form.set('format', 'mhlw-kaigo');
  form.set('file', new Blob(['都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名\r\n']), 'x.csv');
  await fetch(srv.base + '/admin/directory/import', { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.staff}` } });
  assert.equal(statSync(dirs.imports).mode & 0o777, 0o700);
  for (const f of readdirSync(dirs.imports)) assert.equal(statSync(path.join(dirs.imports, f)).mode & 0o777, 0o600, f);
});

test(`one address holds only so many connections (${ENGINE})`, async () => {
  const capped = await startServer({ env: { RENKEI_CONFIG: config(['[server]', 'max_connections_per_address = 3']) } });
  const open = [];
  try {
    for (let i = 0; i < 3; i++) open.push(await holdRaw(capped.base, '', 200));
    const extra = await holdRaw(capped.base, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 500);
    assert.equal(extra.closed, true, 'the fourth is closed at once');
    assert.equal(extra.data, '');
    assert.ok(open.every((s) => !s.closed));
    open.pop().close();
    await new Promise((r) => setTimeout(r, 200));
    const again = await holdRaw(capped.base, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 500);
    assert.match(again.data, /^HTTP\/1\.1 200/);
    again.close();
  } finally {
    for (const s of open) s.close();
    await capped.stop();
  }
});

test(`a trusted reverse proxy is not limited as one client: every client comes through its address (${ENGINE})`, async () => {
  const proxied = await startServer({ env: { RENKEI_CONFIG: config(['[server]', 'max_connections_per_address = 3', 'trusted_proxies = ["127.0.0.1"]']) } });
  const open = [];
  try {
    for (let i = 0; i < 6; i++) open.push(await holdRaw(proxied.base, '', 200));
    const extra = await holdRaw(proxied.base, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 500);
    assert.match(extra.data, /^HTTP\/1\.1 200/, 'the seventh connection from the proxy is served (live pages hold one each)');
    extra.close();
  } finally {
    for (const s of open) s.close();
    await proxied.stop();
  }
});

test('the server refuses to start with an upload directory others could enter', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'renkei-shared-'));
  const shared = path.join(base, 'shared');
  mkdirSync(shared);
  chmodSync(shared, 0o777);
  const db = path.join(base, 'r.db');
  assert.equal(cli(['migrate', '--db', `sqlite:${db}`]).status, 0);
  let r = cli(['--config', config(['[server]', `upload_dir = "${shared}"`]), 'serve', '--db', `sqlite:${db}`, '--listen', '127.0.0.1:0']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /他のユーザーも入れます/);
  if (process.getuid && process.getuid() === 0) {
    // Made by another user first (in a shared /tmp, anyone can): refused even when closed to others.
    chmodSync(shared, 0o700);
    chownSync(shared, 65534, 65534);
    r = cli(['--config', config(['[server]', `upload_dir = "${shared}"`]), 'serve', '--db', `sqlite:${db}`, '--listen', '127.0.0.1:0']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /所有者/);
  }
});
