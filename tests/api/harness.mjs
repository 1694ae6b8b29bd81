// Test harness: the real renkei binary on 127.0.0.1 with a fresh database, on the engine named by
// RENKEI_TEST_ENGINE (sqlite | postgresql; RENKEI_TEST_PG is the private cluster's base URL).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = process.env.RENKEI_BIN || path.resolve('build/renkei');
export const ENGINE = process.env.RENKEI_TEST_ENGINE || 'sqlite';

// A new, empty database URL of the engine under test.
export function freshDatabase() {
  if (ENGINE === 'postgresql') {
    const base = process.env.RENKEI_TEST_PG;
    if (!base) throw new Error('RENKEI_TEST_PG is not set');
    const name = 't_' + randomBytes(6).toString('hex');
    const u = new URL(base);
    execFileSync('psql', ['-h', u.hostname, '-p', u.port, '-U', 'postgres', '-d', 'postgres', '-qc', `CREATE DATABASE ${name}`]);
    // Files (care-team photos) go outside the database: on PostgreSQL into a directory of the test's own.
    const files = mkdtempSync(path.join(tmpdir(), 'renkei-files-'));
    return { url: `${base}/${name}`, files, cleanup() { rmSync(files, { recursive: true, force: true }); }, kind: 'postgresql', pg: { host: u.hostname, port: u.port, db: name } };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'renkei-api-'));
  chmodSync(dir, 0o755);
  return { url: `sqlite:${dir}/renkei.db`, file: `${dir}/renkei.db`, files: `${dir}/renkei.db.files`, dir, cleanup() { rmSync(dir, { recursive: true, force: true }); }, kind: 'sqlite' };
}

// Runs a renkei subcommand; returns { status, stdout, stderr }.
export function cli(args, { input = '', env = {} } = {}) {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// SQL against the test database, for tests that play an attacker with database access.
export function sql(db, statement) {
  if (db.kind === 'postgresql') {
    return execFileSync('psql', ['-h', db.pg.host, '-p', db.pg.port, '-U', 'postgres', '-d', db.pg.db, '-qAtc', statement], { encoding: 'utf8' });
  }
  return execFileSync('sqlite3', [db.file, statement], { encoding: 'utf8' });
}

// `db`: the database of a server stopped with halt(), to start another server on it.
export async function startServer({ env = {}, demo = false, args = [], db: reuse } = {}) {
  const db = reuse ?? freshDatabase();
  if (!reuse) {
    const setup = cli([demo ? 'demo' : 'migrate', '--db', db.url]);
    if (setup.status !== 0) throw new Error(`setup failed: ${setup.stderr}`);
  }
  const proc = spawn(BIN, ['serve', '--db', db.url, '--listen', '127.0.0.1:0', '--threads', '2', ...args], {
    // Map tiles from the test server itself: tests never reach out to public tile servers.
    env: { ...process.env, RENKEI_LOG_LEVEL: 'info', RENKEI_MAP_TILE_URL: '/static/no-tiles/{z}/{x}/{y}.png', ...(db.kind === 'postgresql' ? { RENKEI_FILES_DIR: db.files } : {}), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start: ' + log)), process.env.RENKEI_SANITIZED ? 60000 : 15000);
    proc.stderr.on('data', (d) => {
      log += d;
      const m = /serving https?:\/\/127\.0\.0\.1:(\d+)\//.exec(log);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${log}`)); });
  });
  const base = `${args.includes('--tls-cert') ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    base, db, proc, log: () => log,
    cli: (args, opts) => cli([...args, '--db', db.url], opts),
    // Stops the server and keeps its database. A sanitizer's report in its log (make test's ASan/UBSan
    // run, make test-long's TSan run) fails the test file that started it.
    async halt() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.on('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      const report = /(ERROR: (Address|Leak)Sanitizer|WARNING: ThreadSanitizer|runtime error:)[^]{0,3000}/.exec(log);
      if (report) throw new Error('sanitizer report from the server:\n' + report[0]);
    },
    async stop() {
      await this.halt();
      db.cleanup();
    },
  };
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret.
export function totp(secretBase32, offsetSteps = 0, now = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const step = Math.floor(now / 1000 / 30) + offsetSteps;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', Buffer.from(bytes)).update(msg).digest();
  const off = mac[mac.length - 1] & 0xf;
  const bin = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(bin % 1000000).padStart(6, '0');
}

// A browser-like client: keeps cookies, does not follow redirects, finds the CSRF token in pages.
export class Client {
  constructor(base) { this.base = base; this.cookies = new Map(); this.csrf = ''; }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  async request(method, p, { form, json, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    let body;
    if (form) {
      // An array value is a field sent several times (checkboxes, multiple selects).
      const p = form instanceof URLSearchParams ? form : new URLSearchParams();
      if (p !== form) for (const [k, v] of Object.entries(form)) for (const x of [].concat(v)) p.append(k, x);
      h['content-type'] = 'application/x-www-form-urlencoded';
      body = p.toString();
    }
    if (json) { h['content-type'] = 'application/json'; body = JSON.stringify(json); }
    const res = await fetch(this.base + p, { method, headers: h, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim(), value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a))) this.cookies.delete(name); else this.cookies.set(name, value);
    }
    const text = await res.text();
    const m = /name="_csrf" value="([0-9a-f]+)"/.exec(text);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }
  get(p, o) { return this.request('GET', p, o); }
  // POSTs a form with the CSRF token of the last page seen.
  post(p, form = {}, o = {}) { return this.request('POST', p, { form: { _csrf: this.csrf, ...form }, ...o }); }
}

// Logs in through the pages: password, then (when asked) the second factor, forced password change
// and enrolment. Returns { client, secret }.
export async function loginThroughPages(base, login, password, { secret, newPassword } = {}) {
  const c = new Client(base);
  await c.get('/login');
  let r = await c.post('/login', { login, password, next: '/' });
  if (r.status !== 303) throw new Error(`login failed ${r.status}: ${r.text.slice(0, 300)}`);
  for (let i = 0; i < 5 && r.location && r.location !== '/'; i++) {
    const page = await c.get(r.location);
    if (r.location === '/login/mfa') {
      // A demo database shows the current code on the page.
      const code = secret ? totp(secret, 1) : /id="demo-code">(\d{6})/.exec(page.text)[1];
      r = await c.post('/login/mfa', { code });
    } else if (r.location === '/account/password') {
      r = await c.post('/account/password', { current: password, new_password: newPassword, confirm: newPassword });
      password = newPassword;
    } else if (r.location === '/account/mfa/setup') {
      secret = /data-secret="([A-Z2-7]+)"/.exec(page.text)[1];
      r = await c.post('/account/mfa/setup', { code: totp(secret) });
      if (r.status !== 200) throw new Error('enrolment failed: ' + r.text.slice(0, 300));
      r = { status: 303, location: /<a class="button primary" href="([^"]+)"/.exec(r.text)[1] };
    } else {
      throw new Error('unexpected step ' + r.location);
    }
  }
  // A refused code (a demo code used once already this half minute) leaves the session half way.
  if (r.status !== 303 || r.location !== '/') throw new Error(`login of ${login} did not finish: ${r.status} ${r.text?.slice(0, 200) ?? ''}`);
  return { client: c, secret, password };
}

// Sends bytes on a raw TCP connection to the server of `base` and resolves with everything it answers
// before closing (or after `timeout` ms): for requests that fetch() would not send as written.
export async function rawHttp(base, payload, timeout = 5000) {
  const net = await import('node:net');
  const u = new URL(base);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port), '127.0.0.1');
    let data = '';
    s.on('data', (d) => { data += d; });
    s.on('close', () => resolve(data));
    s.on('error', () => resolve(data));
    s.setTimeout(timeout, () => { s.destroy(); resolve(data); });
    s.write(payload);
  });
}

// JSON API calls as a person: `who` names an API token in `tokens` (none: anonymous). The body is sent
// as JSON (a string as it is). Answers {status, headers, json (when JSON), bytes and text (otherwise)}.
// `base` is a function, so that a client can be made before the server starts.
export function apiClient(base, tokens) {
  return async (p, who, { method = 'GET', body } = {}) => {
    const headers = who ? { authorization: `Bearer ${tokens[who]}` } : {};
    const form = body instanceof FormData;  // multipart: fetch writes the content type with its boundary
    if (body !== undefined && !form) headers['content-type'] = 'application/json';
    const r = await fetch(base() + p, { method, headers, body: body === undefined ? undefined : form || typeof body === 'string' ? body : JSON.stringify(body) });
    const type = r.headers.get('content-type') || '';
    if (type.includes('json')) return { status: r.status, headers: r.headers, json: await r.json() };
    const bytes = Buffer.from(await r.arrayBuffer());
    return { status: r.status, headers: r.headers, json: null, bytes, text: bytes.toString('utf8') };
  };
}

// A tiny SMTP server on 127.0.0.1 that accepts everything and pushes each message's text onto `mails`.
export async function startSmtp(mails) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer((sock) => {
      let data = false, buf = '';
      sock.write('220 test ESMTP\r\n');
      sock.on('data', (chunk) => {
        buf += chunk.toString('latin1');
        for (;;) {
          if (data) {
            const end = buf.indexOf('\r\n.\r\n');
            if (end < 0) return;
            mails.push(Buffer.from(buf.slice(0, end), 'latin1').toString('utf8'));
            buf = buf.slice(end + 5);
            data = false;
            sock.write('250 OK\r\n');
            continue;
          }
          const nl = buf.indexOf('\r\n');
          if (nl < 0) return;
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 2);
          if (/^(EHLO|HELO)/i.test(line)) sock.write('250 test\r\n');
          else if (/^DATA/i.test(line)) { data = true; sock.write('354 go\r\n'); }
          else if (/^QUIT/i.test(line)) { sock.write('221 bye\r\n'); sock.end(); }
          else sock.write('250 OK\r\n');
        }
      });
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// Opens a raw TCP connection to the server of `base`, sends `payload`, and resolves after `wait` ms
// with what came back so far and whether the server closed the connection; the socket stays open
// (call close()) so that a test can hold a slot as a slow client would.
export async function holdRaw(base, payload, wait = 800) {
  const net = await import('node:net');
  const u = new URL(base);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port), '127.0.0.1');
    const r = { data: '', closed: false, close: () => s.destroy() };
    s.on('data', (d) => { r.data += d; });
    s.on('close', () => { r.closed = true; });
    s.on('error', () => { r.closed = true; });
    s.on('connect', () => { if (payload) s.write(payload); });
    setTimeout(() => resolve(r), wait);
  });
}
