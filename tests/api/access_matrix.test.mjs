// The access matrix: every route the server registers (`renkei routes`), asked by every role — the
// administrator, each town's staff with and without a grant to read cases, the hub, each support centre,
// a professional, facility editors of two facilities, and nobody — about records of their own and of
// others (town, centre, facility), with the answer each must get kept here as data. A route added
// without a row fails this test; so does any role that gets in where the row says it may not (no
// unexpected 200s), or is kept out where it says it may.
//
// Requests carry API tokens (a browser session differs only by CSRF, tested elsewhere) or nothing.
// Unsafe requests carry a body that would succeed, so that a refusal is a refusal and not a mistake in
// the input; the refused roles ask first, then the allowed ones, in the order the row names them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, Client, ENGINE } from './harness.mjs';

const ROLES = ['anon', 'admin', 'honjo', 'honjo_g', 'kamisato', 'hub', 'center', 'center_k', 'doctor', 'editor', 'editor2'];
const LOGGED = ROLES.filter((r) => r !== 'anon');
const ADMIN = ['admin'];
// Permissions of platform/security/roles.cpp, by role.
const STATS = ['admin', 'honjo', 'honjo_g', 'kamisato', 'hub'];          // region statistics; also who reads plans
const DIRECTORY = ['admin', 'honjo', 'honjo_g', 'kamisato'];             // edit the directory (own town)
const PLANS = DIRECTORY;                                                  // write the plan
const EVENTS = ['admin', 'honjo', 'honjo_g', 'kamisato', 'hub'];         // events, outreach, meetings; surveys and cards too
const CONSULT = ['hub', 'center', 'center_k'];                           // record consultations
const EDITORS = ['editor', 'editor2'];
const SHARE = ['hub', 'center', 'center_k', 'doctor'];                   // may be on care teams (only members see a team)
// Records of 本庄市 (made by honjo) and of 上里町 (made by kamisato): their town's staff and an admin.
const HONJO_TOWN = ['admin', 'honjo', 'honjo_g'];
const KAMISATO_TOWN = ['admin', 'kamisato'];

let srv;
const tokens = {};
const F = {};  // the records the rows ask about
let anon;      // a browser without a login, for public forms (it holds the CSRF cookie)

async function send(role, method, path, { form, json, multipart, raw } = {}) {
  const headers = role === 'anon' ? {} : { authorization: `Bearer ${tokens[role]}` };
  let body;
  if (form) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of [].concat(v)) p.append(k, x);
    if (role === 'anon' && !['GET', 'HEAD'].includes(method)) p.append('_csrf', anon.csrf);
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = p.toString();
  } else if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (multipart) {
    body = new FormData();
    for (const [k, v] of Object.entries(multipart)) {
      if (v instanceof Blob) body.set(k, v, 'file.csv');
      else body.set(k, String(v));
    }
    if (role === 'anon') body.set('_csrf', anon.csrf);
  } else if (raw) {
    headers['content-type'] = raw.type;
    body = raw.body;
  } else if (role === 'anon' && !['GET', 'HEAD'].includes(method)) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = `_csrf=${anon.csrf}`;
  }
  if (role === 'anon') headers.cookie = anon.cookieHeader();
  const res = await fetch(srv.base + path, { method, headers, body, redirect: 'manual' });
  // Event streams end with their job; every other body is read so the connection can be reused.
  const text = (res.headers.get('content-type') || '').includes('event-stream') ? '' : await res.text();
  return { status: res.status, location: res.headers.get('location') || '', text };
}

// Refused: not logged in, not allowed, not there for this person, or sent to log in.
const refused = (r) => [401, 403, 404].includes(r.status) || (r.status >= 300 && r.status < 400 && r.location.startsWith('/login'));

const form = (f) => ({ form: f });
const json = (j) => ({ json: j });
const per = (f) => f;  // a value that depends on the role asking

// One row: [method, pattern, allowed roles ('*' = everyone), { params, query, form, json, multipart, raw, status, note }]
function rows() {
  const csv = () => new Blob([readFileSync('tests/fixtures/opendata/mhlw_kaigo_honjo_kodama_multi_service.csv', 'utf8').split('\r\n').slice(0, 2).join('\r\n') + '\r\n']);
  const caseBody = (role) => ({
    received_at: '2026-10-02 09:30', channel: 'phone', requester_category: 'family', content_categories: ['home_medical_nursing'], summary: '行列の相談',
    receiver: role === 'center' ? `center:${F.centreHonjo}` : role === 'center_k' ? `center:${F.centreKamisato}` : 'hub',
    resident_municipality: role === 'center_k' ? '113859' : '112119',
  });
  const caseForm = (role) => ({ received_date: '2026-10-02', received_time: '09:30', channel: 'phone', requester_category: 'family',
    content_categories: 'home_medical_nursing', resident_municipality: '112119',
    receiver: role === 'center' ? `center:${F.centreHonjo}` : role === 'center_k' ? `center:${F.centreKamisato}` : 'hub' });
  const handoverTo = (role) => (role === 'center' || role === 'center_k' ? 'hub' : `center:${F.centreHonjo}`);
  const eventForm = { title: '行列の研修会', kind: 'training', date: '2030-11-01', start_time: '14:00', end_time: '16:00', venue_note: '本庄市役所', status: 'open', capacity: '30' };
  const meetingForm = { kind: 'municipal_staff', title: '行列の担当者会議', date: '2026-11-20', time: '10:00', place: '本庄市役所' };
  const surveyForm = { title: '行列のアンケート', fiscal_year: '2026', item: 'a', description: '', deadline: '', questions: '[single] はい・いいえ\nはい\nいいえ' };
  const outreachForm = (town) => ({ kind: 'newsletter', municipality: town, date: '2026-07-01', topic: '人生会議' });
  const cardForm = { date: '2026-06-01', municipality: '112119', channel: 'counter', count: '2' };
  const planForm = { results: '行列の記録', evaluation: '', next_goal: '', next_plan: '', scenes: 'daily' };
  const caseC = { id: () => F.caseC }, caseK = { id: () => F.caseK };
  const team = { id: () => F.team }, teamPost = { id: () => F.team, post: () => F.teamPost }, teamFile = { id: () => F.team, file: () => F.teamFile };
  const consent = { consent_date: '2026-11-01', consent_method: 'written', consent_by: '本人' };
  return [
    // The platform.
    ['GET', '/healthz', '*'],
    ['GET', '/readyz', '*'],
    ['GET', '/metrics', '*', { note: 'from this machine; security.test.mjs asks through a proxy' }],
    ['GET', '/static/{name}', '*', { params: { name: 'app.css' } }],
    ['GET', '/static/vendor/{name}', '*', { params: { name: 'htmx.min.js' } }],
    ['GET', '/static/vendor/images/{name}', '*', { params: { name: 'marker-icon.png' } }],
    ['GET', '/favicon.ico', '*'],
    ['POST', '/preferences', '*', form({ lang: 'ja' })],
    // Logging in (the steps themselves: auth.test.mjs, guessing.test.mjs).
    ['GET', '/login', '*'],
    ['POST', '/login', [], { ...form({ login: 'nobody', password: 'wrong-password' }), note: 'a wrong password is refused for everyone' }],
    ['GET', '/login/mfa', [], { note: 'only a session at the code prompt; a token is sent home' , homeIsRefusal: true }],
    ['POST', '/login/mfa', [], { ...form({ code: '000000' }), homeIsRefusal: true }],
    ['POST', '/logout', [], { status: 303, note: 'ends the session it is sent with, if any' }],
    ['GET', '/account/password', LOGGED],
    ['POST', '/account/password', LOGGED, form({ current: 'wrong', new_password: 'a-new-password-1', confirm: 'a-new-password-1' })],
    ['GET', '/account/mfa/setup', LOGGED, { fine: [409], note: 'answers 409 to those enrolled already' }],
    ['POST', '/account/mfa/setup', LOGGED, form({ code: '000000' })],
    ['GET', '/account', LOGGED],
    ['POST', '/account/sessions/{id}/revoke', [], { params: { id: 'someone-elses-session' }, note: 'only one\'s own sessions' }],
    ['GET', '/api/v1/me', LOGGED],
    ['GET', '/', LOGGED],
    // Accounts and the audit log.
    ['GET', '/admin/users', ADMIN],
    ['GET', '/admin/users/new', ADMIN],
    ['POST', '/admin/users/new', ADMIN, form({ login: 'matrixnew', display_name: '行列 新', password: 'matrix-password-123', role: 'facility_editor', facility: () => F.facility })],
    ['GET', '/admin/users/{id}', ADMIN, { params: { id: () => F.victim } }],
    ['POST', '/admin/users/{id}', ADMIN, { params: { id: () => F.victim }, ...form({ role: 'municipal_staff', municipality: '112119', display_name: '被験 者', facility: '' }) }],
    ['POST', '/admin/users/{id}/{action}', ADMIN, { params: { id: () => F.victim, action: 'unlock' } }],
    ['POST', '/admin/users/{id}/consultation-grant', ADMIN, { params: { id: () => F.victim }, ...form({ granted: '1' }) }],
    ['PUT', '/api/v1/admin/users/{id}/consultation-grant', ADMIN, { params: { id: () => F.victim } }],
    ['DELETE', '/api/v1/admin/users/{id}/consultation-grant', ADMIN, { params: { id: () => F.victim } }],
    ['GET', '/admin/audit', ADMIN],
    ['GET', '/api/v1/audit', ADMIN],
    // The directory (ア): public reading, each town's staff editing their own town.
    ['GET', '/api/v1/facilities', '*'],
    ['GET', '/api/v1/facilities/{id}', '*', { params: { id: () => F.facility } }],
    ['PATCH', '/api/v1/facilities/{id}', HONJO_TOWN, { params: { id: () => F.facility }, ...json({ hours_note: '行列の確認' }) }],
    ['PATCH', '/api/v1/facilities/{id}', KAMISATO_TOWN, { params: { id: () => F.facilityK }, ...json({ hours_note: '行列の確認' }) }],
    ['GET', '/facilities.geojson', '*'],
    ['GET', '/facilities', '*'],
    ['GET', '/facilities/{id}', '*', { params: { id: () => F.facility } }],
    ['GET', '/fhir/metadata', '*'],
    ['GET', '/fhir/Organization', '*'],
    ['GET', '/fhir/Organization/{id}', '*', { params: { id: () => F.facility } }],
    ['GET', '/fhir/Location', '*'],
    ['GET', '/fhir/Location/{id}', '*', { params: { id: () => F.facility } }],
    ['GET', '/fhir/HealthcareService', '*'],
    ['GET', '/fhir/HealthcareService/{id}', '*', { params: { id: () => F.service } }],
    ['GET', '/admin/directory', DIRECTORY],
    ['GET', '/admin/directory/import', DIRECTORY],
    ['POST', '/admin/directory/import', DIRECTORY, { multipart: { format: 'mhlw-kaigo', file: csv } }],
    ['POST', '/admin/directory/import/{token}/run', ['honjo'], { params: { token: () => F.dirImport }, note: 'only the person who uploaded it' }],
    ['GET', '/admin/directory/import/{token}', ['honjo'], { params: { token: () => F.dirImport } }],
    ['GET', '/admin/directory/import/{token}/events', ['honjo'], { params: { token: () => F.dirImport } }],
    ['GET', '/admin/directory/export', DIRECTORY, { query: 'format=digital-std-care' }],
    ['POST', '/admin/directory/requests/{id}', KAMISATO_TOWN, { params: { id: () => F.request }, ...form({ decision: 'return', comment: '行列' }), note: 'the editor\'s office is in 上里町' }],
    ['GET', '/admin/facilities/{id}/edit', HONJO_TOWN, { params: { id: () => F.facility } }],
    ['GET', '/admin/facilities/{id}/edit', KAMISATO_TOWN, { params: { id: () => F.facilityK } }],
    ['POST', '/admin/facilities/{id}/edit', HONJO_TOWN, { params: { id: () => F.facility }, ...form({ name: () => F.facilityName, hours_note: '行列' }) }],
    ['GET', '/admin/facilities/{id}/history', HONJO_TOWN, { params: { id: () => F.facility } }],
    ['GET', '/my-facility', EDITORS],
    ['POST', '/my-facility/{id}/request', ['editor'], { params: { id: () => F.editorFacility }, ...form({ hours_note: '行列の依頼', note: '' }) }],
    // Consultations (オ): the hub, the centre that holds a case, and a town's staff with a grant (reading).
    ['GET', '/consultations/import', ['hub']],
    ['GET', '/consultations/import/template.csv', ['hub']],
    ['POST', '/consultations/import', ['hub'], { multipart: { file: () => new Blob([F.consTemplate]) } }],
    ['GET', '/consultations/import/{token}', ['hub'], { params: { token: () => F.consImport } }],
    ['POST', '/consultations/import/{token}', ['hub'], { params: { token: () => F.consImport } }],
    ['GET', '/api/v1/consultations', ['hub', 'center', 'center_k', 'honjo_g']],
    ['POST', '/api/v1/consultations', CONSULT, { json: per(caseBody) }],
    ['GET', '/api/v1/consultations/{id}', ['hub', 'center', 'honjo_g'], { params: caseC }],
    ['GET', '/api/v1/consultations/{id}', ['hub', 'center_k'], { params: caseK }],
    ['PUT', '/api/v1/consultations/{id}', ['center', 'hub'], { params: caseC, json: per((r) => ({ ...caseBody('center'), version: F.version(F.caseC) })) }],
    ['POST', '/api/v1/consultations/{id}/actions', ['center', 'hub'], { params: caseC, ...json({ kind: 'note', note: '行列' }) }],
    ['POST', '/api/v1/consultations/{id}/actions', ['center_k', 'hub'], { params: caseK, ...json({ kind: 'note', note: '行列' }) }],
    ['POST', '/api/v1/consultations/{id}/followups', ['center', 'hub'], { params: caseC, ...json({ due_date: '2026-12-10', owner: 'hub', note: '行列' }) }],
    ['POST', '/api/v1/consultations/{id}/status', ['center', 'hub'], { params: caseC, ...json({ status: 'in_progress', note: '' }) }],
    ['POST', '/api/v1/consultations/{id}/handover', ['center', 'hub'], { params: caseC, json: per((r) => ({ to: handoverTo(r), reason: '行列' })) }],
    ['GET', '/consultations', ['hub', 'center', 'center_k', 'honjo_g']],
    ['GET', '/consultations/new', CONSULT],
    ['POST', '/consultations', CONSULT, { form: per(caseForm) }],
    ['GET', '/consultations/facility-options', CONSULT, { query: 'facility_q=本庄' }],
    ['GET', '/consultations/{id}', ['hub', 'center', 'honjo_g'], { params: caseC }],
    ['GET', '/consultations/{id}', ['hub', 'center_k'], { params: caseK }],
    ['GET', '/consultations/{id}/edit', ['center', 'hub'], { params: caseC }],
    ['POST', '/consultations/{id}/edit', ['center', 'hub'], { params: caseC, form: per(() => ({ ...caseForm('center'), version: String(F.version(F.caseC)) })) }],
    ['POST', '/consultations/{id}/actions', ['center', 'hub'], { params: caseC, ...form({ kind: 'note', note: '行列' }) }],
    ['POST', '/consultations/{id}/followups', ['center', 'hub'], { params: caseC, ...form({ due_date: '2026-12-11', owner: 'hub', note: '行列' }) }],
    ['POST', '/consultations/{id}/followups/{fid}/done', ['center', 'hub'], { params: { id: () => F.caseC, fid: per((r) => F.followups[r] ?? F.followups.other) } }],
    ['POST', '/consultations/{id}/status', ['center', 'hub'], { params: caseC, ...form({ status: 'in_progress', note: '' }) }],
    ['POST', '/consultations/{id}/handover', ['center', 'hub'], { params: caseC, form: per((r) => ({ to: handoverTo(r), reason: '行列' })) }],
    ['GET', '/consultations/stats', STATS],
    ['GET', '/consultations/stats.csv', STATS],
    ['GET', '/consultations/stats.xlsx', STATS],
    ['GET', '/consultations/stats.pdf', STATS],
    ['GET', '/api/v1/consultations/stats', STATS],
    ['GET', '/api/v1/consultations/stats.csv', STATS],
    ['GET', '/api/v1/consultations/stats.xlsx', STATS],
    ['GET', '/api/v1/consultations/stats.pdf', STATS],
    ['GET', '/api/v1/reports/shiryo2.xlsx', STATS, { query: 'fy=2023' }],
    ['GET', '/api/v1/reports/shiryo2.pdf', STATS, { query: 'fy=2023' }],
    // Training (カ): public pages and registration; staff of every town and the hub run events jointly.
    ['GET', '/events', '*'],
    ['GET', '/events.ics', '*'],
    ['GET', '/events/facility-options', '*', { query: 'facility_q=本庄' }],
    ['GET', '/events/{id}', '*', { params: { id: () => F.event } }],
    ['GET', '/events/{id}/calendar.ics', '*', { params: { id: () => F.event } }],
    ['POST', '/events/{id}/register', '*', { params: { id: () => F.event }, ...form({ name: '行列 参加', municipality: '112119', phone: '0495-00-0000', profession: 'nurse' }) }],
    ['GET', '/events/{id}/evaluation', '*', { params: { id: () => F.event } }],
    ['POST', '/events/{id}/evaluation', '*', { params: { id: () => F.event }, ...form({ satisfaction: '4', useful: '4', comment: '' }) }],
    ['GET', '/events/cancel/{token}', '*', { params: { token: () => F.cancel } }],
    ['POST', '/events/cancel/{token}', '*', { params: { token: () => F.cancel } }],
    ['GET', '/api/v1/events', '*'],
    ['GET', '/api/v1/events/{id}', '*', { params: { id: () => F.event } }],
    ['POST', '/api/v1/events/{id}/registrations', '*', { params: { id: () => F.event }, ...json({ name: '行列 参加', municipality: '112119', phone: '0495-00-0000', profession: 'nurse' }) }],
    ['POST', '/api/v1/events', EVENTS, json({ title: '行列の研修', kind: 'training', starts_at: '2030-12-01T14:00:00+09:00', status: 'open' })],
    ['PUT', '/api/v1/events/{id}', EVENTS, { params: { id: () => F.event }, ...json({ title: '行列の研修会', kind: 'training', starts_at: '2030-11-01T14:00:00+09:00', status: 'open', capacity: 30 }) }],
    ['GET', '/api/v1/events/summary', EVENTS],
    ['GET', '/api/v1/events/summary.xlsx', EVENTS],
    ['GET', '/api/v1/events/{id}/registrations', EVENTS, { params: { id: () => F.event } }],
    ['PATCH', '/api/v1/events/{id}/registrations/{rid}', EVENTS, { params: { id: () => F.event, rid: () => F.registration }, ...json({ attended: true }) }],
    ['GET', '/admin/events', EVENTS],
    ['GET', '/admin/events/summary', EVENTS],
    ['GET', '/admin/events/summary.xlsx', EVENTS],
    ['GET', '/admin/venues', EVENTS],
    ['POST', '/admin/venues', EVENTS, form({ name: '行列会館', address: '本庄市', capacity: '50' })],
    ['GET', '/admin/events/new', EVENTS],
    ['POST', '/admin/events', EVENTS, form(eventForm)],
    ['GET', '/admin/events/{id}', EVENTS, { params: { id: () => F.event } }],
    ['POST', '/admin/events/{id}', EVENTS, { params: { id: () => F.event }, ...form(eventForm) }],
    ['POST', '/admin/events/{id}/materials', EVENTS, { params: { id: () => F.event }, multipart: { file: () => new Blob(['資料']) } }],
    ['GET', '/admin/events/{id}/materials/{fid}', EVENTS, { params: { id: () => F.event, fid: () => F.material } }],
    ['GET', '/admin/events/{id}/checkin', EVENTS, { params: { id: () => F.event } }],
    ['POST', '/admin/events/{id}/checkin/{rid}', EVENTS, { params: { id: () => F.event, rid: () => F.registration }, ...form({ attended: '1' }) }],
    ['POST', '/admin/events/{id}/walk-in', EVENTS, { params: { id: () => F.event }, ...form({ name: '当日 参加', municipality: '112119', profession: 'nurse' }) }],
    // Public awareness (キ): each town's activities are its own; the lecturer bank and requests are joint.
    ['GET', '/acp', '*'],
    ['GET', '/acp/request', '*'],
    ['POST', '/acp/request', '*', form({ group_name: '行列サロン', contact_name: '申込 花子', phone: '0495-00-1234', municipality: '112119', topic: '人生会議', audience_size: '10' })],
    ['GET', '/api/v1/outreach', EVENTS],
    ['POST', '/api/v1/outreach', [...HONJO_TOWN, 'hub'], json(outreachForm('112119'))],
    ['POST', '/api/v1/outreach', [...KAMISATO_TOWN, 'hub'], json(outreachForm('113859'))],
    ['GET', '/api/v1/outreach/summary', EVENTS],
    ['GET', '/api/v1/outreach/summary.xlsx', EVENTS],
    ['GET', '/admin/outreach/summary.xlsx', EVENTS],
    ['GET', '/admin/outreach', EVENTS],
    ['GET', '/admin/outreach/new', EVENTS],
    ['POST', '/admin/outreach', [...HONJO_TOWN, 'hub'], form(outreachForm('112119'))],
    ['GET', '/admin/outreach/{id}', EVENTS, { params: { id: () => F.outHonjo } }],
    ['POST', '/admin/outreach/{id}', HONJO_TOWN, { params: { id: () => F.outHonjo }, ...form(outreachForm('112119')) }],
    ['POST', '/admin/outreach/{id}', KAMISATO_TOWN, { params: { id: () => F.outK }, ...form(outreachForm('113859')) }],
    ['POST', '/admin/outreach/{id}/files', HONJO_TOWN, { params: { id: () => F.outHonjo }, multipart: { file: () => new Blob(['記事']) } }],
    ['GET', '/admin/outreach/{id}/files/{fid}', EVENTS, { params: { id: () => F.outHonjo, fid: () => F.outFile } }],
    ['GET', '/admin/outreach/lecturers', EVENTS],
    ['POST', '/admin/outreach/lecturers', EVENTS, form({ name: '行列 講師', profession: '医師', affiliation: '', topics: '人生会議' })],
    ['POST', '/admin/outreach/lecturers/{id}/active', EVENTS, { params: { id: () => F.lecturer }, ...form({ active: '1' }) }],
    ['GET', '/admin/outreach/requests', EVENTS],
    ['POST', '/admin/outreach/requests/{id}/assign', EVENTS, { params: { id: () => F.talk1 }, ...form({ lecturer_id: () => F.lecturer, note: '' }) }],
    ['POST', '/admin/outreach/requests/{id}/held', EVENTS, { params: { id: () => F.talk1 }, ...form({ date: '2026-11-01', attendance: '12' }) }],
    ['POST', '/admin/outreach/requests/{id}/decline', EVENTS, { params: { id: () => F.talk2 }, ...form({ note: '日程が合わない' }) }],
    // Meetings among the towns (ク): joint records of the region.
    ['GET', '/api/v1/meetings', EVENTS],
    ['POST', '/api/v1/meetings', EVENTS, json({ kind: 'municipal_staff', held_at: '2026-11-20 10:00', title: '行列の会議' })],
    ['GET', '/api/v1/meetings/{id}', EVENTS, { params: { id: () => F.meeting } }],
    ['POST', '/api/v1/meetings/{id}/actions', EVENTS, { params: { id: () => F.meeting }, ...json({ title: '行列の宿題', owner: 'honjo' }) }],
    ['GET', '/api/v1/meetings/summary', EVENTS],
    ['GET', '/api/v1/meetings/summary.xlsx', EVENTS],
    ['GET', '/meetings/summary.xlsx', EVENTS],
    ['GET', '/meetings', EVENTS],
    ['GET', '/meetings/new', EVENTS],
    ['POST', '/meetings', EVENTS, form(meetingForm)],
    ['GET', '/meetings/{id}', EVENTS, { params: { id: () => F.meeting } }],
    ['GET', '/meetings/{id}/edit', EVENTS, { params: { id: () => F.meeting } }],
    ['POST', '/meetings/{id}/edit', EVENTS, { params: { id: () => F.meeting }, ...form(meetingForm) }],
    ['POST', '/meetings/{id}/actions', EVENTS, { params: { id: () => F.meeting }, ...form({ title: '行列の宿題', owner: 'honjo', due_date: '' }) }],
    ['POST', '/meetings/{id}/papers', EVENTS, { params: { id: () => F.meeting }, multipart: { file: () => new Blob(['議事録']) } }],
    ['GET', '/meetings/{id}/papers/{fid}', EVENTS, { params: { id: () => F.meeting, fid: () => F.paper } }],
    ['POST', '/meetings/actions/{aid}/done', [...EVENTS], { params: { aid: () => F.action }, ...form({ done: '1', back: '/' }), note: 'staff, and the action\'s owner (honjo)' }],
    ['GET', '/admin/meeting-kinds', ADMIN],
    ['POST', '/admin/meeting-kinds', ADMIN, form({ code: 'matrix_wg', label: '行列部会' })],
    // The plan (イ): written jointly by the towns' staff; read by whoever reads the region's figures.
    ['GET', '/plans', STATS],
    ['GET', '/plans/{fy}', STATS, { params: { fy: '2024' } }],
    ['GET', '/plans/items/{item}', STATS, { params: { item: 'a' } }],
    ['GET', '/plans/{fy}/items/{item}', PLANS, { params: { fy: '2024', item: 'a' }, note: 'the editing page' }],
    ['POST', '/plans/{fy}/items/{item}', PLANS, { params: { fy: '2024', item: 'a' }, ...form(planForm) }],
    ['POST', '/plans/{fy}/items/{item}/comments', STATS, { params: { fy: '2024', item: 'a' }, ...form({ body: '行列のコメント' }) }],
    ['POST', '/plans/{fy}/circulate', PLANS, { params: { fy: '2024' } }],
    ['GET', '/plans/{fy}/shiryo1.xlsx', STATS, { params: { fy: '2023' } }],
    ['GET', '/plans/{fy}/shiryo1.pdf', STATS, { params: { fy: '2023' } }],
    ['GET', '/api/v1/reports/shiryo1.xlsx', STATS, { query: 'fy=2023' }],
    ['GET', '/api/v1/reports/shiryo1.pdf', STATS, { query: 'fy=2023' }],
    ['GET', '/api/v1/plans/{fy}', STATS, { params: { fy: '2024' } }],
    ['PUT', '/api/v1/plans/{fy}/items/{item}', PLANS, { params: { fy: '2024', item: 'b' }, ...json({ results: '行列', scenes: ['daily'] }) }],
    ['POST', '/api/v1/plans/{fy}/circulate', PLANS, { params: { fy: '2024' } }],
    ['POST', '/api/v1/plans/{fy}/approve', PLANS, { params: { fy: '2024' }, json: per(() => ({ meeting_id: F.council })) }],
    ['POST', '/plans/{fy}/approve', PLANS, { params: { fy: '2024' }, form: per(() => ({ meeting_id: F.council })) }],
    ['POST', '/api/v1/plans/{fy}/next', PLANS, { params: { fy: '2024' }, ...json({}) }],
    ['POST', '/plans/{fy}/next', PLANS, { params: { fy: '2024' } }],
    ['GET', '/api/v1/indicators', STATS],
    ['POST', '/api/v1/indicators', PLANS, { raw: { type: 'text/csv', body: '\ufeff指標ID,指標名,単位,地域,年度,値\r\nB5,要介護（要支援）認定率,%,本庄市,2023,17.9\r\n' } }],
    ['GET', '/plans/indicators', STATS],
    ['POST', '/plans/indicators', PLANS, { multipart: { file: () => new Blob(['\ufeff指標ID,指標名,単位,地域,年度,値\r\nB5,要介護（要支援）認定率,%,本庄市,2022,17.4\r\n']) } }],
    ['POST', '/plans/indicators/{id}/items', PLANS, { params: { id: () => F.indicator }, ...form({ items: 'a' }) }],
    // Surveys of facilities (ア): a town's survey is its own; the hub's and the admin's are the region's.
    ['GET', '/surveys', EVENTS],
    ['GET', '/surveys/new', EVENTS],
    ['POST', '/surveys/new', EVENTS, form(surveyForm)],
    ['GET', '/surveys/{id}', EVENTS, { params: { id: () => F.surveyHonjo } }],
    ['GET', '/surveys/{id}/edit', EVENTS, { params: { id: () => F.surveyHonjo } }],
    ['POST', '/surveys/{id}/edit', HONJO_TOWN, { params: { id: () => F.surveyHonjo }, ...form(surveyForm) }],
    ['POST', '/surveys/{id}/edit', KAMISATO_TOWN, { params: { id: () => F.surveyK }, ...form(surveyForm) }],
    ['POST', '/surveys/{id}/targets', HONJO_TOWN, { params: { id: () => F.surveyHonjo }, ...form({ kinds: 'clinic', municipality: '112119' }) }],
    ['POST', '/surveys/{id}/targets/{tid}/remove', HONJO_TOWN, { params: { id: () => F.surveyHonjo, tid: per((r) => F.targets[r] ?? F.targets.other) } }],
    ['POST', '/surveys/{id}/copy', EVENTS, { params: { id: () => F.surveyHonjo } }],
    ['POST', '/surveys/{id}/open', HONJO_TOWN, { params: { id: () => F.surveyHonjo } }],
    ['GET', '/surveys/{id}/results', EVENTS, { params: { id: () => F.surveyHonjo } }],
    ['GET', '/surveys/{id}/results.xlsx', EVENTS, { params: { id: () => F.surveyHonjo } }],
    ['GET', '/surveys/{id}/invitations', EVENTS, { params: { id: () => F.surveyHonjo } }],
    ['POST', '/surveys/{id}/close', HONJO_TOWN, { params: { id: () => F.surveyHonjo } }],
    ['GET', '/s/{token}', '*', { params: { token: () => F.answerToken } }],
    ['POST', '/s/{token}', '*', { params: { token: () => F.answerToken }, form: per(() => F.answerForm) }],
    ['GET', '/api/v1/surveys', EVENTS],
    ['POST', '/api/v1/surveys', EVENTS, json(surveyForm)],
    ['GET', '/api/v1/surveys/{id}/targets', EVENTS, { params: { id: () => F.surveyK } }],
    ['POST', '/api/v1/surveys/{id}/targets', KAMISATO_TOWN, { params: { id: () => F.surveyK }, ...json({ kinds: ['clinic'], municipality: '113859' }) }],
    ['POST', '/api/v1/surveys/{id}/open', KAMISATO_TOWN, { params: { id: () => F.surveyK } }],
    ['GET', '/api/v1/surveys/{id}/results', EVENTS, { params: { id: () => F.surveyK } }],
    ['GET', '/api/v1/surveys/{id}/results.xlsx', EVENTS, { params: { id: () => F.surveyK } }],
    ['POST', '/api/v1/surveys/{id}/close', KAMISATO_TOWN, { params: { id: () => F.surveyK } }],
    // The contact card (エ): made by anyone and never stored; the cards handed out are each town's record.
    ['GET', '/card', '*'],
    ['POST', '/card', '*', form({ name: '連携 太郎', written_on: '2026-11-01' })],
    ['GET', '/cards', EVENTS],
    ['POST', '/cards', [...HONJO_TOWN, 'hub'], form(cardForm)],
    ['POST', '/cards/{id}/delete', HONJO_TOWN, { params: { id: per((r) => F.cards[r] ?? F.cards.other) } }],
    ['GET', '/api/v1/cards/distributions', EVENTS],
    ['POST', '/api/v1/cards/distributions', [...KAMISATO_TOWN, 'hub'], json({ ...cardForm, municipality: '113859', count: 3 })],
    // Care teams (エ): anyone who may share care starts one; only a team's members see it, whatever their role.
    ['GET', '/teams', SHARE],
    ['GET', '/teams/new', SHARE],
    ['POST', '/teams', SHARE, form({ name: '行列 ハナ', municipality: '112119' })],
    ['POST', '/teams/digest', SHARE, { ...form({ email: 'matrix@example.jp' }), note: 'where one\'s own digest goes' }],
    ['GET', '/teams/{id}', ['doctor'], { params: team, note: 'the admin and the hub are not members by role' }],
    ['GET', '/teams/{id}/edit', ['doctor'], { params: team }],
    ['POST', '/teams/{id}/edit', ['doctor'], { params: team, ...form({ name: '行列 ハナ', municipality: '112119', version: () => String(F.teamVersion) }) }],
    ['POST', '/teams/{id}/consent', ['doctor'], { params: team, ...form(consent) }],
    ['POST', '/teams/{id}/posts', ['doctor'], { params: team, ...form({ kind: 'note', body: '行列の連絡' }) }],
    ['POST', '/teams/{id}/posts/{post}/confirm', ['doctor'], { params: teamPost }],
    ['POST', '/teams/{id}/tasks', ['doctor'], { params: team, ...form({ title: '行列のやること', owner_id: () => F.users.doctor, due_date: '2026-12-10' }) }],
    ['POST', '/teams/{id}/tasks/{task}/done', ['doctor'], { params: { id: () => F.team, task: () => F.teamTask } }],
    ['GET', '/teams/{id}/invite', ['doctor'], { params: team, query: 'facility_q=本庄' }],
    ['POST', '/teams/{id}/members', ['doctor'], { params: team, ...form({ user_id: () => F.users.caremanager }) }],
    ['POST', '/teams/{id}/members/{user}/remove', ['doctor'], { params: { id: () => F.team, user: () => F.users.pharmacist } }],
    ['POST', '/teams/{id}/join', ['center'], { params: { id: () => F.teamJoin }, note: 'the invitee only' }],
    ['POST', '/teams/{id}/decline', ['center_k'], { params: { id: () => F.teamDecline } }],
    ['GET', '/teams/{id}/summary', ['doctor'], { params: team }],
    ['GET', '/teams/{id}/events', ['doctor'], { params: team, note: 'the live stream of the page' }],
    ['GET', '/teams/{id}/files/{file}', ['doctor'], { params: teamFile, note: 'a photo of the timeline' }],
    ['GET', '/teams/{id}/files/{file}/thumb', ['doctor'], { params: teamFile }],
    ['GET', '/api/v1/teams/{id}/files/{file}', ['doctor'], { params: teamFile }],
    ['GET', '/api/v1/teams', SHARE],
    ['POST', '/api/v1/teams', SHARE, json({ name: '行列 ハナ', municipality: '112119' })],
    ['GET', '/api/v1/teams/{id}', ['doctor'], { params: team }],
    ['POST', '/api/v1/teams/{id}/consent', ['doctor'], { params: team, ...json({ date: '2026-11-01', method: 'oral', by: '本人' }) }],
    ['POST', '/api/v1/teams/{id}/posts', ['doctor'], { params: team, ...json({ kind: 'vitals', fields: { systolic: '120', diastolic: '70' } }) }],
    ['POST', '/api/v1/teams/digest', SHARE, json({ email: 'matrix@example.jp' })],
    ['POST', '/api/v1/teams/{id}/posts/{post}/confirm', ['doctor'], { params: teamPost }],
    ['POST', '/api/v1/teams/{id}/tasks', ['doctor'], { params: team, json: per(() => ({ title: '行列のやること', owner_id: F.users.doctor })) }],
    ['POST', '/api/v1/teams/{id}/tasks/{task}/done', ['doctor'], { params: { id: () => F.team, task: () => F.teamTask } }],
    ['POST', '/api/v1/teams/{id}/members', ['doctor'], { params: team, json: per(() => ({ user_id: F.users.center_k })) }],
    ['POST', '/api/v1/teams/{id}/answer', ['hub'], { params: { id: () => F.teamAnswer }, ...json({ accept: true }) }],
    ['DELETE', '/api/v1/teams/{id}/members/{user}', ['doctor'], { params: { id: () => F.team, user: () => F.users.nurse } }],
  ];
}

async function setUp() {
  srv = await startServer({ demo: true, env: { RENKEI_PUBLIC_FORM_LIMIT: '100000' } });
  const cliOk = (args, input = '') => {
    const r = srv.cli(args, { input });
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim().split('\n').pop();
  };
  const get = async (role, path) => {
    const r = await send(role, 'GET', path);
    assert.equal(r.status, 200, `${role} GET ${path}: ${r.status} ${r.text.slice(0, 200)}`);
    return (r.text.startsWith('{') || r.text.startsWith('[')) ? JSON.parse(r.text) : r.text;
  };
  const post = async (role, path, opts, expect = [200, 201, 303]) => {
    const r = await send(role, 'POST', path, opts);
    assert.ok(expect.includes(r.status), `${role} POST ${path}: ${r.status} ${r.text.slice(0, 300)}`);
    return r.text.startsWith('{') ? JSON.parse(r.text) : r;
  };
  anon = new Client(srv.base);
  await anon.get('/login');
  F.centreHonjo = 'demo-center-honjo';
  F.centreKamisato = 'demo-center-kamisato';
  F.facility = (await get('anon', '/api/v1/facilities?municipality=112119&kind=clinic&per_page=1')).items[0].id;
  F.facilityK = (await get('anon', '/api/v1/facilities?municipality=113859&kind=clinic&per_page=1')).items[0].id;
  F.facilityName = (await get('anon', `/api/v1/facilities/${F.facility}`)).name;
  for (const [login, args] of [['kamisato', ['--role', 'municipal_staff', '--municipality', '113859']], ['honjo_g', ['--role', 'municipal_staff', '--municipality', '112119']],
    ['center_k', ['--role', 'support_center', '--org', F.centreKamisato]], ['editor2', ['--role', 'facility_editor', '--org', F.facility]],
    ['victim', ['--role', 'municipal_staff', '--municipality', '112119']]])
    cliOk(['user', 'add', '--login', login, ...args], `${login}-initial-pass\n`);
  for (const login of LOGGED) tokens[login] = cliOk(['token', 'create', '--login', login]);
  tokens.victim = cliOk(['token', 'create', '--login', 'victim']);
  F.victim = (await get('victim', '/api/v1/me')).id;
  const honjoG = (await get('honjo_g', '/api/v1/me')).id;
  assert.equal((await send('admin', 'PUT', `/api/v1/admin/users/${honjoG}/consultation-grant`)).status, 200);
  F.editorFacility = (await get('editor', '/api/v1/me')).organizations[0];
  F.service = (await get('anon', '/fhir/HealthcareService?_count=1')).entry[0].resource.id;
  // A request from the editor's office (in 上里町) waiting for review.
  await post('editor', `/my-facility/${F.editorFacility}/request`, form({ hours_note: '土曜も営業', note: '' }));
  F.request = /\/admin\/directory\/requests\/([a-z0-9-]+)/.exec(await get('admin', '/admin/directory'))[1];
  // An upload waiting between preview and import, of honjo's.
  const kaigo = readFileSync('tests/fixtures/opendata/mhlw_kaigo_honjo_kodama_multi_service.csv', 'utf8').split('\r\n').slice(0, 2).join('\r\n') + '\r\n';
  let r = await send('honjo', 'POST', '/admin/directory/import', { multipart: { format: 'mhlw-kaigo', file: new Blob([kaigo]) } });
  F.dirImport = /\/admin\/directory\/import\/([0-9a-f]{64})\/run/.exec(r.text)[1];
  F.consTemplate = await get('hub', '/consultations/import/template.csv');
  r = await send('hub', 'POST', '/consultations/import', { multipart: { file: new Blob([F.consTemplate]) } });
  F.consImport = /\/consultations\/import\/([0-9a-f]{64})/.exec(r.location + r.text)[1];
  // Cases held by 本庄市's centre and by 上里町's, with a follow-up.
  const newCase = async (role, centre, town) => (await post(role, '/api/v1/consultations', json({ received_at: '2026-10-01 10:00', channel: 'phone',
    receiver: `center:${centre}`, requester_category: 'family', resident_municipality: town, content_categories: ['home_medical_nursing'], summary: '行列の相談' }))).id;
  F.caseC = await newCase('center', F.centreHonjo, '112119');
  F.caseK = await newCase('center_k', F.centreKamisato, '113859');
  for (let i = 0; i < 3; i++) await post('center', `/api/v1/consultations/${F.caseC}/followups`, json({ due_date: '2026-12-01', owner: 'hub', note: `行列${i}` }));
  const followups = (await get('center', `/api/v1/consultations/${F.caseC}`)).followups.map((f) => f.id);
  F.followups = { center: followups[0], hub: followups[1], other: followups[2] };
  // An edit names the version it started from; a stale one is refused as a conflict, not as a permission.
  F.version = () => 0;
  // An event with a registration and a material.
  F.event = (await post('hub', '/api/v1/events', json({ title: '行列の研修会', kind: 'training', starts_at: '2030-11-01T14:00:00+09:00', status: 'open', capacity: 300 }))).id;
  const reg = await post('anon', `/api/v1/events/${F.event}/registrations`, json({ name: '行列 一郎', municipality: '112119', phone: '0495-00-0000', profession: 'nurse' }));
  F.registration = reg.id;
  F.cancel = new URL(reg.cancel_url).pathname.split('/').pop();
  await post('hub', `/admin/events/${F.event}/materials`, { multipart: { file: new Blob(['資料']) } });
  F.material = /\/materials\/([a-z0-9]+)/.exec(await get('hub', `/admin/events/${F.event}`))[1];
  // Outreach of each town, a file, a lecturer and two residents' requests.
  F.outHonjo = (await post('honjo', '/api/v1/outreach', json({ kind: 'newsletter', municipality: '112119', date: '2026-06-01', topic: '人生会議' }))).id;
  F.outK = (await post('kamisato', '/api/v1/outreach', json({ kind: 'newsletter', municipality: '113859', date: '2026-06-01', topic: '人生会議' }))).id;
  await post('honjo', `/admin/outreach/${F.outHonjo}/files`, { multipart: { file: new Blob(['記事']) } });
  F.outFile = /\/files\/([a-z0-9]+)/.exec(await get('honjo', `/admin/outreach/${F.outHonjo}`))[1];
  await post('hub', '/admin/outreach/lecturers', form({ name: '行列 講師', profession: '医師', affiliation: '', topics: '人生会議' }));
  F.lecturer = /\/admin\/outreach\/lecturers\/([a-z0-9-]+)\/active/.exec(await get('hub', '/admin/outreach/lecturers'))[1];
  for (const name of ['行列サロン一', '行列サロン二'])
    await post('anon', '/acp/request', form({ group_name: name, contact_name: '申込 花子', phone: '0495-00-1234', municipality: '112119', topic: '人生会議', audience_size: '10' }));
  const talks = [...(await get('hub', '/admin/outreach/requests')).matchAll(/\/admin\/outreach\/requests\/([a-z0-9-]+)\/assign/g)].map((m) => m[1]);
  [F.talk1, F.talk2] = talks;
  // A meeting with an action item of honjo's and a paper; the council that approved FY2023.
  F.meeting = (await post('hub', '/api/v1/meetings', json({ kind: 'municipal_staff', held_at: '2026-11-10 10:00', title: '行列の担当者会議' }))).id;
  await post('hub', `/api/v1/meetings/${F.meeting}/actions`, json({ title: '行列の宿題', owner: 'honjo' }));
  F.action = (await get('hub', `/api/v1/meetings/${F.meeting}`)).actions[0].id;
  await post('hub', `/meetings/${F.meeting}/papers`, { multipart: { file: new Blob(['議事録']) } });
  F.paper = /\/papers\/([a-z0-9]+)/.exec(await get('hub', `/meetings/${F.meeting}`))[1];
  F.council = (await get('honjo', '/api/v1/plans/2023')).meeting_id;
  F.indicator = (await get('honjo', '/api/v1/indicators')).items[0]?.id;
  if (!F.indicator) {
    await post('honjo', '/api/v1/indicators', { raw: { type: 'text/csv', body: '\ufeff指標ID,指標名,単位,地域,年度,値\r\nB5,要介護（要支援）認定率,%,本庄市,2023,17.9\r\n' } });
    F.indicator = (await get('honjo', '/api/v1/indicators')).items[0].id;
  }
  // Surveys of 本庄市 and of 上里町, with facilities asked; an open survey's link to answer.
  const survey = (role) => post(role, '/api/v1/surveys', json({ title: `${role}の調査`, fiscal_year: '2026', item: 'a', questions: '[single] はい・いいえ\nはい\nいいえ' }));
  F.surveyHonjo = (await survey('honjo')).id;
  F.surveyK = (await survey('kamisato')).id;
  await post('honjo', `/api/v1/surveys/${F.surveyHonjo}/targets`, json({ kinds: ['hospital'], municipality: '112119' }));
  const targets = (await get('honjo', `/api/v1/surveys/${F.surveyHonjo}/targets`)).items.map((t) => t.id);
  F.targets = { admin: targets[0], honjo: targets[1], honjo_g: targets[2], other: targets[3] };
  const open = (await get('hub', '/api/v1/surveys')).items.find((s) => s.status === 'open');
  const link = (await get('hub', `/api/v1/surveys/${open.id}/targets`)).items[0].link;
  F.answerToken = new URL(link).pathname.split('/').pop();
  const page = await get('anon', `/s/${F.answerToken}`);
  F.answerForm = { respondent: '行列 回答' };
  for (const m of page.matchAll(/name="(q\d+)" value="([^"]+)"/g)) F.answerForm[m[1]] ??= m[2];
  // A care team of the doctor's with a post, and the nurse and the pharmacist on it; three teams with one
  // invitation each (the centre's, the other centre's, the hub's), so that no invitee is asked elsewhere.
  F.users = {};
  for (const login of ['nurse', 'pharmacist', 'caremanager']) tokens[login] = cliOk(['token', 'create', '--login', login]);
  for (const login of ['nurse', 'pharmacist', 'caremanager', 'center', 'center_k', 'hub', 'doctor']) F.users[login] = (await get(login, '/api/v1/me')).id;
  const newTeam = async () => (await post('doctor', '/api/v1/teams', json({ name: '行列 ハナ', municipality: '112119', consent: { date: '2026-11-01', method: 'written', by: '本人' } }))).id;
  F.team = await newTeam();
  F.teamVersion = (await get('doctor', `/api/v1/teams/${F.team}`)).version;
  F.teamPost = (await post('doctor', `/api/v1/teams/${F.team}/posts`, json({ kind: 'note', body: '行列の経過' }))).id;
  const photo = new Blob([readFileSync(new URL('../fixtures/media/photo-with-gps.jpg', import.meta.url))], { type: 'image/jpeg' });
  await post('doctor', `/api/v1/teams/${F.team}/posts`, { multipart: { kind: 'note', file: photo } });
  F.teamFile = (await get('doctor', `/api/v1/teams/${F.team}`)).posts[0].files[0].id;
  F.teamTask = (await post('doctor', `/api/v1/teams/${F.team}/tasks`, json({ title: '行列の宿題', owner_id: F.users.doctor }))).id;
  for (const login of ['nurse', 'pharmacist']) {
    await post('doctor', `/api/v1/teams/${F.team}/members`, json({ user_id: F.users[login] }));
    await post(login, `/api/v1/teams/${F.team}/answer`, json({ accept: true }));
  }
  for (const [key, login] of [['teamJoin', 'center'], ['teamDecline', 'center_k'], ['teamAnswer', 'hub']]) {
    F[key] = await newTeam();
    await post('doctor', `/api/v1/teams/${F[key]}/members`, json({ user_id: F.users[login] }));
  }
  // Card records of honjo's, one for each role that may delete one.
  F.cards = {};
  for (const who of ['admin', 'honjo', 'honjo_g', 'other'])
    F.cards[who] = (await post('honjo', '/api/v1/cards/distributions', json({ date: '2026-06-01', municipality: '112119', channel: 'counter', count: 1 }))).id;
}

function fill(pattern, params, role) {
  return pattern.replace(/\{(\w+)\}/g, (_, k) => {
    const v = params?.[k];
    const value = typeof v === 'function' ? v(role) : v;
    assert.ok(value, `no value for {${k}} in ${pattern}`);
    return encodeURIComponent(value);
  });
}

function materialise(opts, role) {
  const out = {};
  for (const key of ['form', 'json', 'multipart', 'raw']) {
    let v = opts[key];
    if (v === undefined) continue;
    if (typeof v === 'function') v = v(role);
    if (key !== 'raw' && v && typeof v === 'object' && !Array.isArray(v))
      v = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeof x === 'function' ? x(role) : x]));
    out[key] = v;
  }
  return out;
}

before(async () => { await setUp(); });
after(async () => { await srv?.stop(); });

test(`every route has a row, and every row a route (${ENGINE})`, () => {
  const listed = srv.cli(['routes']).stdout.trim().split('\n').map((l) => l.split('\t').slice(0, 2).join(' '));
  const covered = new Set(rows().map(([m, p]) => `${m} ${p}`));
  const missing = listed.filter((r) => !covered.has(r));
  assert.deepEqual(missing, [], 'routes without a row in the access matrix');
  const stale = [...covered].filter((r) => !listed.includes(r));
  assert.deepEqual(stale, [], 'rows for routes that do not exist');
});

test(`every role gets the answer its row says, and no other (${ENGINE})`, async () => {
  const problems = [];
  let asked = 0;
  for (const [method, pattern, allowSpec, opts = {}] of rows()) {
    const allow = allowSpec === '*' ? ROLES : allowSpec;
    const order = [...ROLES.filter((r) => !allow.includes(r)), ...allow];
    for (const role of order) {
      const path = fill(pattern, opts.params, role) + (opts.query ? `?${opts.query}` : '');
      const r = await send(role, method, path, materialise(opts, role));
      asked++;
      const what = `${role} ${method} ${path} → ${r.status}${r.location ? ' ' + r.location : ''}`;
      if (r.status >= 500) { problems.push(`${what}: server error`); continue; }
      if (opts.status !== undefined) {
        if (r.status !== opts.status) problems.push(`${what}: expected ${opts.status}`);
        continue;
      }
      const out = refused(r) || (opts.homeIsRefusal && r.status === 303 && r.location === '/');
      if (allow.includes(role)) {
        if (out) problems.push(`${what}: refused, but the row allows ${role}`);
        else if (method === 'GET' && r.status >= 400 && !(opts.fine ?? []).includes(r.status)) problems.push(`${what}: allowed but failed`);
      } else if (!out) {
        problems.push(`${what}: let in, but the row refuses ${role} ${r.text.slice(0, 120).replace(/\s+/g, ' ')}`);
      }
    }
  }
  assert.ok(asked > 2000, `asked ${asked}`);
  assert.deepEqual(problems, []);
});
