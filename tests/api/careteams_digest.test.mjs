// The care teams' e-mail digest: a member gives an address on /teams (or the API), and `renkei digest`
// (a daily systemd timer) tells them by e-mail that something waits: posts addressed to them, tasks due.
// What must hold: counts and a link only, never the patient's name, a post's text or a task's title; at
// most one a day per person however often it runs; nobody without an address is mailed; an address
// that could carry a header is refused; roles without care teams cannot set one; no SMTP is no error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startServer, startSmtp, sql, ENGINE, apiClient, BIN } from './harness.mjs';

// The command without blocking this process: the test's SMTP server answers on its event loop.
const cli = (args, { env = {} } = {}) => new Promise((resolve) => {
  execFile(BIN, args, { env: { ...process.env, ...env }, timeout: 60000 }, (err, stdout, stderr) => resolve({ status: err ? err.code ?? 1 : 0, stdout, stderr }));
});

let srv, smtp;
const mails = [];
const tokens = {};
const ids = {};
const api = apiClient(() => srv.base, tokens);
const last = (r) => r.stdout.trim().split('\n').pop();
let smtpEnv;

// The text of a message as sent (its body is base64).
const bodyOf = (raw) => Buffer.from(raw.split('\r\n\r\n').slice(1).join('').replace(/\s+/g, ''), 'base64').toString('utf8');

before(async () => {
  smtp = await startSmtp(mails);
  smtpEnv = { RENKEI_SMTP_URL: `smtp://127.0.0.1:${smtp.address().port}`, RENKEI_SMTP_FROM: 'renkei@example.jp', RENKEI_PUBLIC_URL: 'https://renkei.example.jp' };
  srv = await startServer({ env: smtpEnv });
  const clinic = last(srv.cli(['org', 'add', '--name', '通知テスト医院', '--kind', 'clinic', '--municipality', '112119']));
  for (const [login, role, extra] of [['doc', 'professional', ['--org', clinic, '--profession', 'doctor']], ['nurse', 'professional', ['--org', clinic, '--profession', 'visiting_nurse']], ['boss', 'admin', []]]) {
    assert.equal(srv.cli(['user', 'add', '--login', login, '--role', role, ...extra], { input: `${login}-initial-pass-1\n` }).status, 0);
    tokens[login] = last(srv.cli(['token', 'create', '--login', login, '--name', 't']));
    ids[login] = (await api('/api/v1/me', login)).json.id;
  }
});
after(async () => { await srv.stop(); smtp.close(); });

test(`a digest tells a member what waits, with counts and a link only, once a day (${ENGINE})`, async () => {
  // Addresses: plausible ones only; none that could carry a header; not for roles without care teams.
  for (const bad of ['nurse', 'a@b', 'nurse@example.jp\r\nBcc: spy@example.com', 'a b@example.jp', 'x'.repeat(250) + '@example.jp']) {
    const r = await api('/api/v1/teams/digest', 'nurse', { method: 'POST', body: { email: bad } });
    assert.equal(r.status, 400, JSON.stringify(bad));
  }
  assert.equal((await api('/api/v1/teams/digest', 'boss', { method: 'POST', body: { email: 'boss@example.jp' } })).status, 403);
  let r = await api('/api/v1/teams/digest', 'nurse', { method: 'POST', body: { email: 'nurse@example.jp' } });
  assert.equal(r.status, 200);
  assert.equal((await api('/api/v1/teams', 'nurse')).json.digest_email, 'nurse@example.jp');

  const team = (await api('/api/v1/teams', 'doc', { method: 'POST', body: { name: '通知 ヒミツ', municipality: '112119', consent: { date: '2026-11-01', method: 'written', by: '本人' } } })).json.id;
  assert.equal((await api(`/api/v1/teams/${team}/members`, 'doc', { method: 'POST', body: { user_id: ids.nurse } })).status, 201);
  assert.equal((await api(`/api/v1/teams/${team}/answer`, 'nurse', { method: 'POST', body: { accept: true } })).status, 200);
  assert.equal((await api(`/api/v1/teams/${team}/posts`, 'doc', { method: 'POST', body: { kind: 'note', body: '褥瘡の処置を変えました（秘密の本文）', to: [ids.nurse] } })).status, 201);
  assert.equal((await api(`/api/v1/teams/${team}/tasks`, 'doc', { method: 'POST', body: { title: '秘密のタスク名', owner_id: ids.nurse, due_date: '2026-01-05' } })).status, 201);

  const run = async () => cli(['digest', '--db', srv.db.url], { env: smtpEnv });
  let d = await run();
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout, /digests sent: 1/);
  assert.equal(mails.length, 1);
  const raw = mails[0];
  assert.match(raw, /^To: nurse@example\.jp\r?$/m);
  const text = bodyOf(raw);
  assert.match(text, /あなた宛ての新しい連絡（投稿・タスク）：2 件/, 'the addressed post and the task given');
  assert.match(text, /期限が今日まで、または過ぎたタスク：1 件/);
  assert.match(text, /https:\/\/renkei\.example\.jp\/teams/);
  for (const secret of ['通知 ヒミツ', '秘密の本文', '秘密のタスク名', team]) assert.ok(!raw.includes(secret) && !text.includes(secret), `no ${secret} in the mail`);

  // Again the same day: nothing, however often it runs. The doctor gave no address: never mailed.
  d = await run();
  assert.match(d.stdout, /digests sent: 0/);
  assert.equal(mails.length, 1);
  assert.ok(!mails.some((m) => /^To: .*doc/m.test(m)));
  // A day later (the clock moved back for the rows) the task still due is told again; what was told is not.
  sql(srv.db, `UPDATE team_notifications SET created_at = '2026-01-01T00:00:00.000Z' WHERE user_id = '${ids.nurse}'`);
  sql(srv.db, `UPDATE team_digests SET last_sent_at = '2026-01-01T01:00:00.000Z' WHERE user_id = '${ids.nurse}'`);
  d = await run();
  assert.match(d.stdout, /digests sent: 1/);
  assert.match(bodyOf(mails[1]), /期限が今日まで、または過ぎたタスク：1 件/);
  assert.doesNotMatch(bodyOf(mails[1]), /新しい連絡/, 'the addressed post was told already');

  // Switched off: no row, no mail.
  assert.equal((await api('/api/v1/teams/digest', 'nurse', { method: 'POST', body: { email: '' } })).status, 200);
  assert.equal(sql(srv.db, `SELECT COUNT(*) FROM team_digests WHERE user_id = '${ids.nurse}'`).trim(), '0');
  // Without SMTP the timer's command has nothing to do and says so; it is no failure.
  d = await cli(['digest', '--db', srv.db.url], { env: { RENKEI_SMTP_URL: '', RENKEI_SMTP_FROM: '' } });
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout, /no digests sent/);
  // The setting is audited (who changed where their notices go), without the address in the log.
  const audit = sql(srv.db, `SELECT action || ' ' || detail FROM audit_log WHERE subject = 'user:${ids.nurse}' ORDER BY seq`);
  assert.match(audit, /careteams\.digest_on/);
  assert.match(audit, /careteams\.digest_off/);
  assert.ok(!audit.includes('nurse@example.jp'));
});

test(`the /teams page holds the form (${ENGINE})`, async () => {
  await api('/api/v1/teams/digest', 'doc', { method: 'POST', body: { email: 'doc@example.jp' } });
  const page = await (await fetch(`${srv.base}/teams`, { headers: { authorization: `Bearer ${tokens.doc}` } })).text();
  assert.match(page, /action="\/teams\/digest"/);
  assert.match(page, /value="doc@example\.jp"/);
  assert.doesNotMatch(page, /メールを送る設定がありません/, 'this server has SMTP');
});
