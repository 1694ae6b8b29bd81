// The upload page: a large multipart upload streamed to disk, a preview that writes nothing, the import
// in the background with progress over Server-Sent Events, and the refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, loginThroughPages, sql, rawHttp, ENGINE } from './harness.mjs';

const KAIGO = path.resolve('tests/fixtures/opendata/mhlw_kaigo_honjo_kodama_multi_service.csv');
let srv, staff, hub;

before(async () => {
  srv = await startServer();
  for (const [login, role, extra] of [['uploader', 'municipal_staff', ['--municipality', '112119']], ['hubu', 'hub_coordinator', []]])
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-1\n` }).status, 0);
  staff = (await loginThroughPages(srv.base, 'uploader', 'uploader-initial-1', { newPassword: 'uploader-pass-2' })).client;
  hub = (await loginThroughPages(srv.base, 'hubu', 'hubu-initial-1', { newPassword: 'hubu-pass-2' })).client;
});
after(async () => { await srv.stop(); });

async function upload(client, bytes, fields = {}) {
  const form = new FormData();
  form.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([bytes]), 'jigyosho_test.csv');
  const r = await fetch(srv.base + '/admin/directory/import', { method: 'POST', body: form, headers: { cookie: client.cookieHeader() }, redirect: 'manual' });
  return { status: r.status, text: await r.text() };
}
const facilities = () => Number(sql(srv.db, 'SELECT COUNT(*) FROM facilities').trim());

test(`upload, preview without writing, import in the background, follow progress over SSE (${ENGINE})`, async () => {
  await staff.get('/admin/directory/import');
  // Pad the file past the 1 MiB in-memory limit so that the upload is streamed to disk.
  const bytes = Buffer.concat([readFileSync(KAIGO), Buffer.from('\r\n'.repeat(600000))]);
  assert.ok(bytes.length > 1024 * 1024);
  const before = facilities();
  let r = await upload(staff, bytes, { format: 'mhlw-kaigo' });
  assert.equal(r.status, 200, r.text.slice(0, 500));
  assert.match(r.text, /まだ取り込んでいません/);
  // 本庄市's staff import 本庄市's offices; the other towns' rows are theirs (or an administrator's).
  assert.match(r.text, /新しく登録<\/dt><dd>21件/);
  assert.match(r.text, /ほかの市町の事業所[^<]*<\/dt><dd>15件/);
  assert.equal(facilities(), before, 'the preview writes nothing');
  const token = /\/admin\/directory\/import\/([0-9a-f]{64})\/run/.exec(r.text)[1];
  staff.csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(r.text)[1];

  // Someone else cannot run another person's upload.
  assert.equal((await hub.post(`/admin/directory/import/${token}/run`)).status, 403);
  r = await staff.post(`/admin/directory/import/${token}/run`);
  assert.equal(r.status, 303);
  const events = await fetch(srv.base + `/admin/directory/import/${token}/events`, { headers: { cookie: staff.cookieHeader() } });
  assert.equal(events.status, 200);
  assert.match(events.headers.get('content-type'), /text\/event-stream/);
  const stream = await events.text();  // ends when the job does
  assert.match(stream, /event: finished\ndata: \{"status":"done","done":36,"total":36\}/);
  assert.equal(facilities(), before + 21);
  r = await staff.get(`/admin/directory/import/${token}`);
  assert.match(r.text, /取り込みが終わりました/);
  assert.match(r.text, /id="job-added">21件/);
  // The token is spent.
  assert.equal((await staff.post(`/admin/directory/import/${token}/run`)).status, 404);
});

test('a wrong file is refused at preview with a reason, and other roles cannot upload', async () => {
  await staff.get('/admin/directory/import');
  let r = await upload(staff, readFileSync(KAIGO), { format: 'mhlw-iryo' });
  assert.equal(r.status, 400);
  assert.match(r.text, /医療情報ネットの施設票・診療科目・診療時間票ではありません/);
  await hub.get('/');
  r = await upload(hub, readFileSync(KAIGO), { format: 'mhlw-kaigo' });
  assert.equal(r.status, 403);
  r = await upload({ csrf: 'x'.repeat(64), cookieHeader: () => '' }, readFileSync(KAIGO), { format: 'mhlw-kaigo' });
  assert.equal(r.status, 303, 'not logged in: to the login page');
});

test('an upload above the limit gets 413 before its body is read', async () => {
  // The server answers from the head and closes; a raw socket sees the answer as curl does.
  const reply = await rawHttp(srv.base, `POST /admin/directory/import HTTP/1.1\r\nHost: x\r\nCookie: ${staff.cookieHeader()}\r\n` +
    'Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 68157440\r\nExpect: 100-continue\r\n\r\n');
  assert.match(reply, /^HTTP\/1\.1 413/);
});
