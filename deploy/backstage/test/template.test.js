'use strict';
// The Backstage template and the catalog Resource example: valid by Backstage's own validators (from
// @backstage/plugin-scaffolder-common and @backstage/catalog-model), their form choices the same as
// the API's, and the template's http:backstage:request step, rendered as the Scaffolder renders it
// for a sample form, sent to the real envforge API: the environment becomes READY.

const { describe, it, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');
const Ajv = require('ajv');
const { templateEntityV1beta3Validator } = require('@backstage/plugin-scaffolder-common');
const { resourceEntityV1alpha1Validator, entitySchemaValidator } = require('@backstage/catalog-model');
const { renderValue, formValues } = require('./helpers/scaffolder-templating');

const HERE = path.resolve(__dirname, '..');
const read = (file) => YAML.parse(fs.readFileSync(path.join(HERE, file), 'utf8'));
const template = read('envforge-environment-template.yaml');
const resource = read('environment-resource.yaml');

const SERVER = process.env.ENVFORGE_TEST_SERVER;
const TOKEN = process.env.ENVFORGE_TEST_TOKEN;
const TEAM = process.env.ENVFORGE_TEST_TEAM;
const skip = SERVER && TOKEN && TEAM ? false : 'needs ENVFORGE_TEST_SERVER, ENVFORGE_TEST_TOKEN and ENVFORGE_TEST_TEAM';

// What Backstage's proxy endpoint /envforge does (app-config.envforge.yaml): the path after
// /proxy/envforge goes to the API, with the API token added.
const PROXY_PREFIX = '/proxy/envforge';
async function throughProxy({ method, path: requestPath, headers, body }) {
  assert.ok(requestPath.startsWith(`${PROXY_PREFIX}/`), requestPath);
  const json = Object.entries(headers || {}).some(([k, v]) => k.toLowerCase() === 'content-type' && v.includes('json'));
  const response = await fetch(`${SERVER}${requestPath.slice(PROXY_PREFIX.length)}`, {
    method,
    headers: { ...headers, authorization: `Bearer ${TOKEN}` },
    body: json && typeof body !== 'string' ? JSON.stringify(body) : body,
  });
  return { code: response.status, headers: Object.fromEntries(response.headers), body: await response.json() };
}

async function api(method, suffix, body) {
  const response = await fetch(`${SERVER}/api/v1/environments${suffix}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

describe('the template as Backstage reads it', () => {
  it('is a valid scaffolder.backstage.io/v1beta3 Template by the Scaffolder\'s own schema', async () => {
    assert.equal(await templateEntityV1beta3Validator.check(template), true);
    entitySchemaValidator()(template);
  });

  it('a Template the schema does not allow is refused, so the check can fail', async () => {
    const broken = structuredClone(template);
    broken.spec.steps[0].action = 42;
    await assert.rejects(async () => templateEntityV1beta3Validator.check(broken), /action/);
  });

  it('the catalog Resource example is a valid Resource entity', async () => {
    assert.equal(await resourceEntityV1alpha1Validator.check(resource), true);
    const broken = structuredClone(resource);
    delete broken.spec.owner;
    await assert.rejects(async () => resourceEntityV1alpha1Validator.check(broken), /owner/);
  });

  it('the form is JSON Schema that takes a good answer and refuses a bad name', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const pages = template.spec.parameters.map((page) => ajv.compile(page));
    const good = { team: 'payments', name: 'checkout-review', profile: 'small', database: 'postgres', databaseDriver: 'direct', ttl: 'PT8H' };
    for (const validate of pages) assert.equal(validate(good), true, JSON.stringify(validate.errors));
    assert.equal(pages[0]({ ...good, team: 'Payments!' }), false);
    assert.equal(pages[1]({ ...good, ttl: 'forever' }), false);
  });
});

describe('the template against the real API', { skip }, () => {
  const name = `bs-${Date.now().toString(36)}`;
  let document;

  after(async () => {
    if (!SERVER) return;
    await api('DELETE', `/${TEAM}/${name}?reason=test%20done`);
  });

  it('offers the choices the API takes, with the API\'s defaults', async () => {
    document = await (await fetch(`${SERVER}/v3/api-docs`)).json();
    const schemas = document.components.schemas;
    const request = schemas.EnvironmentRequest.properties;
    const form = { ...template.spec.parameters[1].properties };
    const driver = template.spec.parameters[1].dependencies.database.oneOf[1].properties.databaseDriver;
    const nonNull = (values) => values.filter((v) => v !== null);
    assert.deepEqual(form.profile.enum, nonNull(request.profile.enum));
    assert.deepEqual(form.database.enum, nonNull(schemas.DatabaseChoice.properties.kind.enum));
    assert.deepEqual(driver.enum, nonNull(schemas.DatabaseChoice.properties.driver.enum));
    const ttlPattern = new RegExp(request.ttl.pattern);
    for (const ttl of form.ttl.enum) assert.match(ttl, ttlPattern);
    const namePattern = new RegExp(request.name.pattern);
    assert.equal(template.spec.parameters[0].properties.name.maxLength, request.name.maxLength);
    assert.match('checkout-review', namePattern);
  });

  it('renders the request step for a sample form, sends it, and the environment becomes READY', async () => {
    const parameters = formValues(template, { team: TEAM, name, database: 'postgres' });
    assert.deepEqual(parameters, { team: TEAM, name, profile: 'small', database: 'postgres', ttl: 'PT8H', databaseDriver: 'direct' });
    const step = template.spec.steps.find((s) => s.action === 'http:backstage:request');
    const input = renderValue(step.input, { parameters });
    assert.deepEqual(input.body, {
      team: TEAM,
      name,
      profile: 'small',
      ttl: 'PT8H',
      database: { kind: 'postgres', driver: 'direct' },
    });

    const output = await throughProxy(input);
    assert.equal(output.code, 202, JSON.stringify(output.body));

    let status;
    const deadline = Date.now() + 180_000;
    do {
      await new Promise((r) => setTimeout(r, 500));
      status = (await api('GET', `/${TEAM}/${name}`)).body;
    } while (!['READY', 'FAILED'].includes(status.phase) && Date.now() < deadline);
    assert.equal(status.phase, 'READY', status.reason);
    assert.equal(status.secretName, 'envforge-database');

    const links = renderValue(template.spec.output.links, { parameters, steps: { request: { output } } });
    assert.equal(links[1].url, output.body.temporalUiUrl);
    assert.match(links[1].url, /^https?:\/\/.+\/workflows\//);
    assert.match(links[0].url, new RegExp(`/api/v1/environments/${TEAM}/${name}$`));
    const text = renderValue(template.spec.output.text, { parameters, steps: { request: { output } } });
    assert.match(text[0].content, new RegExp(`${TEAM}/${name}\` \\(PROVISIONING\\)`));
  });

  it('the form\'s defaults are the API\'s', async () => {
    // A request with nothing but team and name shows what the API fills in.
    const bare = `${name}-bare`;
    const created = await api('POST', '', { team: TEAM, name: bare });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    try {
      let body = created.body;
      for (let tries = 0; !body.expiresAt && tries < 120; tries++) {
        await new Promise((r) => setTimeout(r, 500));
        body = (await api('GET', `/${TEAM}/${bare}`)).body;
      }
      const form = template.spec.parameters[1].properties;
      assert.equal(body.request.profile, form.profile.default);
      assert.equal(body.request.database.kind, form.database.default);
      const lives = Date.parse(body.expiresAt) - Date.parse(body.createdAt);
      assert.ok(Math.abs(lives - 8 * 3600_000) < 60_000, `lives ${lives} ms`);
      assert.equal(form.ttl.default, 'PT8H');
    } finally {
      await api('DELETE', `/${TEAM}/${bare}?reason=test%20done`);
    }
  });

  it('with no database, the driver is left out and the API takes the request', () => {
    const parameters = formValues(template, { team: TEAM, name: 'bs-no-db' });
    assert.equal(parameters.databaseDriver, undefined);
    const input = renderValue(template.spec.steps[0].input, { parameters });
    assert.deepEqual(input.body.database, { kind: 'none' });
  });
});
