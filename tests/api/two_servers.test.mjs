// The scale path of DESIGN.md, as a browser meets it: two servers on one PostgreSQL behind nginx as the
// load balancer (round robin, no stickiness). A professional logs in through nginx (password change and
// two-factor enrolment included) and the session holds on both servers; a care team's page held open
// through nginx hears a post made on either server within the stream's wait. PostgreSQL only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { startServer, loginThroughPages, ENGINE } from './harness.mjs';

const skip = ENGINE !== 'postgresql' && 'several servers need PostgreSQL';
let a, b, nginx, dir, base;

before(async () => {
  if (skip) return;
  a = await startServer();
  b = await startServer({ db: a.db });
  dir = mkdtempSync(path.join(tmpdir(), 'renkei-lb-'));
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, 'logs'));
  const port = 41000 + Math.floor(Math.random() * 9000);
  const upstream = (s) => `server ${new URL(s.base).host};`;
  writeFileSync(path.join(dir, 'nginx.conf'), `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  upstream renkei { ${upstream(a)} ${upstream(b)} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://renkei;
      proxy_http_version 1.1;
      proxy_set_header Host $host;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 1h;
    }
  }
}
`);
  nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try { if ((await fetch(base + '/readyz')).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  const org = a.cli(['org', 'add', '--name', '負荷分散クリニック', '--kind', 'clinic', '--municipality', '112119']).stdout.trim().split('\n').pop();
  assert.equal(a.cli(['user', 'add', '--login', 'lbdoc', '--role', 'professional', '--org', org, '--profession', 'doctor'], { input: 'lbdoc-initial-pass-1\n' }).status, 0);
});

after(async () => {
  if (skip) return;
  nginx?.kill('SIGTERM');
  await b?.halt();
  await a?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(`two servers behind nginx: one session on both, a page held open hears posts made on either (${ENGINE})`, { skip }, async () => {
  const { client } = await loginThroughPages(base, 'lbdoc', 'lbdoc-initial-pass-1', { newPassword: 'lbdoc-password-2' });
  // Round robin: these pages come from both servers, with the one session.
  for (let i = 0; i < 4; i++) assert.equal((await client.get('/teams')).status, 200, `request ${i} through nginx`);
  await client.get('/teams/new');
  let r = await client.post('/teams', { name: '分散 ハナ', municipality: '112119', consent_date: '2026-11-01', consent_method: 'written', consent_by: '本人' });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  const id = /\/teams\/([a-z2-7]{26})/.exec(r.location)[1];
  // The page's live stream, through nginx (on whichever server it lands).
  const ctrl = new AbortController();
  const res = await fetch(`${base}/teams/${id}/events`, { headers: { cookie: client.cookieHeader() }, signal: ctrl.signal });
  assert.equal(res.status, 200);
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let text = '';
  const heard = async (n) => {
    const timer = setTimeout(() => ctrl.abort(), 8000);
    try {
      while ((text.match(/event: changed/g) || []).length < n) {
        const { value, done } = await reader.read();
        if (done) break;
        text += dec.decode(value);
      }
    } catch { /* aborted */ }
    clearTimeout(timer);
    return (text.match(/event: changed/g) || []).length >= n;
  };
  // A post on each server directly, with the browser's session and its CSRF token.
  await client.get(`/teams/${id}`);
  for (const [n, server] of [[1, a], [2, b]]) {
    const direct = await fetch(`${server.base}/teams/${id}/posts`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: client.csrf, kind: 'note', body: `サーバー${n}からの連絡` }).toString(),
    });
    assert.equal(direct.status, 303, `the session holds on server ${n}`);
    assert.ok(await heard(n), `the page held open through nginx heard the post made on server ${n}: ${text}`);
  }
  ctrl.abort();
  const page = await client.get(`/teams/${id}`);
  assert.match(page.text, /サーバー1からの連絡/);
  assert.match(page.text, /サーバー2からの連絡/);
  // A photo posted on server B is read back through server A: the servers share one file store.
  const form = new FormData();
  form.set('_csrf', client.csrf);
  form.set('kind', 'note');
  form.set('file', new Blob([readFileSync(new URL('../fixtures/media/photo-with-gps.jpg', import.meta.url))], { type: 'image/jpeg' }), 'p.jpg');
  const up = await fetch(`${b.base}/teams/${id}/posts`, { method: 'POST', redirect: 'manual', headers: { cookie: client.cookieHeader() }, body: form });
  assert.equal(up.status, 303);
  const thumb = /\/teams\/[a-z2-7]+\/files\/([a-z2-7]+)\/thumb/.exec((await client.get(`/teams/${id}`)).text);
  assert.ok(thumb, 'the timeline shows the photo');
  const got = await fetch(`${a.base}${thumb[0]}`, { headers: { cookie: client.cookieHeader() } });
  assert.equal(got.status, 200, 'server A reads the file server B kept');
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
});
