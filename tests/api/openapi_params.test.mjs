// Every documented query parameter of every GET in docs/openapi.yaml, sent at least once to the real
// server on the engine under test, with a value its schema allows: none may answer 5xx. (A search
// word sent to PostgreSQL once answered 500 because no test sent it there.) Each parameter is also sent
// with a hostile value (quotes, a very long string, the wrong type), which may be refused but must not
// break the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { startServer, apiClient, ENGINE } from './harness.mjs';

let srv;
const tokens = {};
const api = apiClient(() => srv.base, tokens);
const spec = YAML.parse(readFileSync('docs/openapi.yaml', 'utf8'));
const ids = {};

before(async () => {
  srv = await startServer({ demo: true });
  for (const login of ['admin', 'honjo', 'hub', 'doctor']) tokens[login] = srv.cli(['token', 'create', '--login', login]).stdout.trim().split('\n').pop();
  ids.facilities = (await api('/api/v1/facilities?per_page=1')).json.items[0].id;
  ids.consultations = (await api('/api/v1/consultations?per_page=1', 'hub')).json.items[0].id;
  ids.events = (await api('/api/v1/events?fy=2023')).json.items[0].id;
  ids.meetings = (await api('/api/v1/meetings?fy=2023', 'honjo')).json.items[0].id;
  ids.surveys = (await api('/api/v1/surveys?fy=2024', 'honjo')).json.items[0].id;
  ids.teams = (await api('/api/v1/teams', 'doctor')).json.teams[0].id;
});
after(async () => { await srv.stop(); });

const resolve = (p) => (p.$ref ? p.$ref.split('/').reduce((o, k) => (k === '#' ? spec : o[k]), null) : p);

// A value the parameter's schema allows, chosen to reach real records of the demo region.
function goodValue(name, schema = {}) {
  const known = { q: '訪問看護', fy: '2023', from: '2023-04-01', to: '2023-09-30', municipality: '112119', town: '112119', near: '36.24,139.19',
    open_day: 'mon', open_time: '10:00', kind: 'hospital', service: '訪問看護', page: '1', per_page: '5', actor: 'hub', subject: 'consultations',
    action: 'consultation.', unit: 'hub', requester: 'care_manager', content: 'home_medical_nursing', scene: 'daily', flag: 'dementia' };
  if (schema.enum) return String(schema.enum[0]);
  if (name in known) return known[name];
  if (schema.type === 'integer') return String(schema.minimum ?? schema.default ?? 1);
  if (schema.format === 'date') return '2023-06-01';
  return 'x';
}

function pathFor(path) {
  return path.replace(/\{(\w+)\}/g, (_, name) => {
    if (name === 'fy') return '2023';
    const collection = path.split('/')[3];
    assert.ok(ids[collection], `no id for ${path}`);
    return ids[collection];
  });
}

// The first of these tokens the route lets in (the hub for cases, staff for the plan, the admin for the log,
// the doctor for a care team of theirs: a team answers 404 to anyone who is not on it).
async function askAs(url) {
  let last;
  for (const who of ['hub', 'honjo', 'admin', 'doctor']) {
    last = await api(url, who);
    if (last.status !== 401 && last.status !== 403 && !(url.startsWith('/api/v1/teams/') && last.status === 404)) return { who, r: last };
  }
  return { who: 'admin', r: last };
}

test(`every documented GET parameter is served, good or hostile, without a server error (${ENGINE})`, async () => {
  const problems = [];
  let sent = 0;
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!item.get) continue;
    const params = [...(item.parameters ?? []), ...(item.get.parameters ?? [])].map(resolve).filter((p) => p.in === 'query');
    const base = pathFor(path);
    const bare = await askAs(base);
    sent++;
    if (bare.r.status >= 500) problems.push(`GET ${base} → ${bare.r.status}`);
    // Bytes that are not UTF-8 in a path segment: refused or not found, never a failure of the database.
    if (path.includes('{')) {
      const broken = path.replace(/\{(\w+)\}/g, (_, n) => (n === 'fy' ? '2023' : '%E3%81%FF'));
      const r = await api(broken, bare.who);
      sent++;
      if (r.status >= 500) problems.push(`GET ${broken} → ${r.status}`);
    }
    for (const p of params) {
      // Good, an injection, long text in a script that takes three bytes a character, a negative
      // number, and half a character (raw bytes: URLSearchParams would have encoded them as text).
      for (const value of [goodValue(p.name, p.schema), `'"; DROP TABLE users; --`, 'あ'.repeat(300), '-1', { raw: '%E3%81' }, { raw: '%FF%FE' }]) {
        const url = `${base}?${value.raw ? `${p.name}=${value.raw}` : new URLSearchParams({ [p.name]: value })}`;
        const r = await api(url, bare.who);
        sent++;
        if (r.status >= 500) problems.push(`GET ${url} as ${bare.who} → ${r.status} ${JSON.stringify(r.json ?? r.text?.slice(0, 100))}`);
      }
    }
    // All of them at once, as a form with every filter filled would send them.
    if (params.length > 1) {
      const all = Object.fromEntries(params.map((p) => [p.name, goodValue(p.name, p.schema)]));
      const r = await api(`${base}?${new URLSearchParams(all)}`, bare.who);
      sent++;
      if (r.status >= 500) problems.push(`GET ${base} with every parameter → ${r.status}`);
    }
  }
  assert.ok(sent > 150, `sent ${sent}`);
  assert.deepEqual(problems, []);
});

test(`the documented search parameters find what they name (${ENGINE})`, async () => {
  // Good values are not only survived but used: a word, a town, a period.
  const found = await api(`/api/v1/consultations?${new URLSearchParams({ q: '訪問', per_page: '50' })}`, 'hub');
  assert.equal(found.status, 200);
  assert.ok(found.json.total > 0 && found.json.items.every((c) => /訪問/.test(`${c.summary}${c.client_name ?? ''}${c.requester_name ?? ''}`)));
  const town = await api('/api/v1/consultations?town=113859&per_page=500', 'hub');
  assert.ok(town.json.items.length > 0 && town.json.items.every((c) => c.resident_municipality === '113859'));
  const facilities = await api(`/api/v1/facilities?${new URLSearchParams({ q: 'ほうもんかんご', municipality: '112119' })}`);
  assert.ok(facilities.json.total > 0 && facilities.json.items.every((f) => f.municipality_code === '112119'));
});
