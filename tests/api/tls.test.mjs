// Built-in TLS: HTTPS with a certificate, Secure cookies and HSTS; plain HTTP on that port gets nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, rawHttp } from './harness.mjs';

let srv, ca;
before(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'renkei-tls-'));
  const cert = path.join(dir, 'cert.pem'), key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { stdio: 'ignore' });
  ca = readFileSync(cert);
  srv = await startServer({ args: ['--tls-cert', cert, '--tls-key', key] });
});
after(async () => { await srv.stop(); });

function get(p) {
  return new Promise((resolve, reject) => {
    https.get(srv.base + p, { ca }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}

test('serves HTTPS with HSTS and Secure cookies', async () => {
  assert.match(srv.base, /^https:/);
  let r = await get('/healthz');
  assert.equal(r.status, 200);
  r = await get('/login');
  assert.equal(r.status, 200);
  assert.match(r.headers['strict-transport-security'], /max-age=\d+/);
  assert.ok(r.headers['set-cookie'].every((c) => /; Secure/.test(c)));
  assert.match(r.body, /ログイン/);
});

test('a plain HTTP request to the TLS port gets no HTTP answer, and the server keeps serving', async () => {
  const reply = await rawHttp(srv.base.replace('https:', 'http:'), 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', 3000);
  assert.doesNotMatch(reply, /^HTTP\/1\.1 200/);
  assert.equal((await get('/healthz')).status, 200);
});
