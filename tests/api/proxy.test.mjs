// Behind a reverse proxy: only proxies named in the configuration (RENKEI_TRUSTED_PROXIES or
// [server] trusted_proxies) are believed about the client's address. Public form limits and the audit
// log then see each resident; without the setting, X-Forwarded-For is a client's own words and ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, sql, cli, freshDatabase, ENGINE } from './harness.mjs';

async function eventWithEvaluation(srv) {
  srv.cli(['user', 'add', '--login', 'staff', '--role', 'hub_coordinator'], { input: 'staff-initial-pass\n' });
  const t = srv.cli(['token', 'create', '--login', 'staff', '--name', 't']).stdout.trim().split('\n').pop();
  const r = await fetch(`${srv.base}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: '研修', kind: 'training', starts_at: '2030-02-01T14:00:00+09:00', status: 'open' }) });
  assert.equal(r.status, 201);
  return (await r.json()).id;
}

async function evaluate(srv, id, forwardedFor) {
  const c = new Client(srv.base);
  await c.get(`/events/${id}/evaluation`);
  return (await c.post(`/events/${id}/evaluation`, { satisfaction: '4' }, { headers: { 'x-forwarded-for': forwardedFor } })).status;
}

test(`behind a trusted proxy each resident has their own limit and shows in the audit log (${ENGINE})`, async () => {
  const srv = await startServer({ env: { RENKEI_PUBLIC_FORM_LIMIT: '2', RENKEI_TRUSTED_PROXIES: '127.0.0.1,10.0.0.0/8' } });
  try {
    const id = await eventWithEvaluation(srv);
    assert.equal(await evaluate(srv, id, '203.0.113.5'), 200);
    assert.equal(await evaluate(srv, id, '203.0.113.5'), 200);
    assert.equal(await evaluate(srv, id, '203.0.113.5'), 429, 'the same resident, third form');
    assert.equal(await evaluate(srv, id, '203.0.113.6'), 200, 'another resident behind the same proxy');
    // A forged entry on the left does not help: the proxy appended the real address on the right.
    assert.equal(await evaluate(srv, id, '198.51.100.1, 203.0.113.5'), 429);
    // Two proxies of ours in a row are looked through.
    assert.equal(await evaluate(srv, id, '203.0.113.5, 10.1.2.3'), 429);

    const c = new Client(srv.base);
    await c.get('/login');
    await c.post('/login', { login: 'staff', password: 'wrong-password' }, { headers: { 'x-forwarded-for': '192.0.2.44' } });
    const addr = sql(srv.db, "SELECT remote_addr FROM audit_log WHERE action = 'auth.login_failed' ORDER BY seq DESC LIMIT 1").trim();
    assert.equal(addr, '192.0.2.44');
  } finally {
    await srv.stop();
  }
});

test(`without trusted proxies X-Forwarded-For changes nothing (${ENGINE})`, async () => {
  const srv = await startServer({ env: { RENKEI_PUBLIC_FORM_LIMIT: '2' } });
  try {
    const id = await eventWithEvaluation(srv);
    assert.equal(await evaluate(srv, id, '203.0.113.1'), 200);
    assert.equal(await evaluate(srv, id, '203.0.113.2'), 200);
    assert.equal(await evaluate(srv, id, '203.0.113.3'), 429, 'a client cannot dodge the limit by naming other addresses');
    const c = new Client(srv.base);
    await c.get('/login');
    await c.post('/login', { login: 'staff', password: 'wrong-password' }, { headers: { 'x-forwarded-for': '192.0.2.44' } });
    const addr = sql(srv.db, "SELECT remote_addr FROM audit_log WHERE action = 'auth.login_failed' ORDER BY seq DESC LIMIT 1").trim();
    assert.equal(addr, '127.0.0.1');
  } finally {
    await srv.stop();
  }
});

test('a trusted_proxies entry that is not an address stops every command with the reason', () => {
  const db = freshDatabase();
  try {
    assert.equal(cli(['migrate', '--db', db.url]).status, 0);
    const r = cli(['user', 'list', '--db', db.url], { env: { RENKEI_TRUSTED_PROXIES: '127.0.0.1, proxy.example.jp' } });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /trusted_proxies: not an address or network: proxy\.example\.jp/);
  } finally {
    db.cleanup();
  }
});
