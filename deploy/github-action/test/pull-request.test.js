'use strict';
// The whole life of a pull request's environment through the action, against the real envforge API,
// worker, Temporal and local platform; GitHub's side is played by FakeGitHub.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { FakeGitHub } = require('./helpers/fake-github');
const { runAction, pullRequestEvent } = require('./helpers/run-action');
const { SERVER, TOKEN, TEAM, skip, api, removeAndWait } = require('./helpers/real-api');

const NUMBER = 41;
const NAME = `pr-${NUMBER}`;
const COMMENTS = new RegExp(`/issues/${NUMBER}/comments$`);

describe('a pull request opened, pushed to and closed', { skip }, () => {
  let github;
  let opened;
  const inputs = () => ({
    server: SERVER,
    token: TOKEN,
    team: TEAM,
    database: 'postgres',
    ttl: '2h',
    timeout: '3m',
    kubeconfig: 'true',
    'kubeconfig-ttl': '15m',
    'github-token': 'ghs_fake_installation_token',
  });

  before(async () => {
    github = await new FakeGitHub().start();
  });

  after(async () => {
    await github.stop();
    await removeAndWait(NAME);
  });

  it('opened: creates the environment, waits until READY and says so in one comment', async () => {
    opened = await runAction({ inputs: inputs(), event: pullRequestEvent('opened', NUMBER), github });
    assert.equal(opened.code, 0, opened.stdout + opened.stderr);
    assert.equal(opened.outputs.phase, 'READY');
    assert.equal(opened.outputs.environment, `${TEAM}/${NAME}`);
    assert.match(opened.outputs.namespace, new RegExp(`${TEAM}-${NAME}$`));
    assert.equal(opened.outputs['secret-name'], 'envforge-database');
    assert.match(opened.outputs['ui-url'], /^https?:\/\/.+\/workflows\//);

    const { body } = await api('GET', `/${TEAM}/${NAME}`);
    assert.equal(body.phase, 'READY');
    assert.equal(body.request.database.kind, 'postgres');
    assert.equal(body.request.ttl, 'PT2H');

    assert.equal(github.callsOf('POST', COMMENTS).length, 1, 'one comment created');
    const comments = github.commentsOn(NUMBER);
    assert.equal(comments.length, 1);
    assert.match(comments[0].body, new RegExp(`<!-- envforge:environment ${TEAM}/${NAME} -->`));
    assert.match(comments[0].body, /\| Phase \| \*\*READY\*\* \|/);
    assert.match(comments[0].body, new RegExp(`\\| Namespace \\| \`${body.namespace}\` \\|`));
    assert.match(comments[0].body, new RegExp(`\\| Expires \\| ${body.expiresAt} \\|`));
    assert.match(comments[0].body, /\[Temporal UI\]\(http/);
    assert.ok(github.callsOf('PATCH', /\/issues\/comments\/\d+$/).length >= 1, 'then updated');
    assert.ok(github.calls.every((c) => c.auth === 'Bearer ghs_fake_installation_token'));
    assert.match(opened.summary, /\| Phase \| \*\*READY\*\* \|/);
  });

  it('opened: hands out a kubeconfig file readable by the job only, its token masked', () => {
    const file = opened.outputs.kubeconfig;
    assert.ok(file && fs.existsSync(file), `kubeconfig output: ${file}`);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const yaml = fs.readFileSync(file, 'utf8');
    const token = /^\s*token:\s*(\S+)/m.exec(yaml)[1];
    assert.ok(opened.masks.includes(token), 'the token is masked');
    assert.ok(!opened.stdout.replace(/^::add-mask::.*$/gm, '').includes(token), 'and never logged');
    assert.ok(!opened.summary.includes(token) && !github.commentsOn(NUMBER)[0].body.includes(token));
  });

  it('synchronize: finds the same environment and keeps the one comment', async () => {
    const before = await api('GET', `/${TEAM}/${NAME}`);
    const pushed = await runAction({ inputs: inputs(), event: pullRequestEvent('synchronize', NUMBER), github });
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    assert.match(pushed.stdout, new RegExp(`found the same request for ${TEAM}/${NAME}: READY`));
    assert.equal(pushed.outputs.namespace, opened.outputs.namespace);
    const after = await api('GET', `/${TEAM}/${NAME}`);
    assert.equal(after.body.runId, before.body.runId, 'the same run');
    assert.equal(github.callsOf('POST', COMMENTS).length, 1, 'still one comment created');
    assert.equal(github.commentsOn(NUMBER).length, 1);
  });

  it('synchronize with a different spec: the step fails naming the difference, nothing replaced', async () => {
    const changed = await runAction({
      inputs: { ...inputs(), profile: 'large' },
      event: pullRequestEvent('synchronize', NUMBER),
      github,
    });
    assert.equal(changed.code, 1);
    assert.equal(changed.errors.length, 1, changed.stdout);
    assert.match(changed.errors[0], new RegExp(`${TEAM}/${NAME} already exists with a different request \\(profile: small, asked large\\)`));
    assert.equal(changed.stderr, '');
    const { body } = await api('GET', `/${TEAM}/${NAME}`);
    assert.equal(body.phase, 'READY');
    assert.equal(body.request.profile, 'small');
    assert.equal(github.commentsOn(NUMBER).length, 1);
    assert.match(github.commentsOn(NUMBER)[0].body, /already exists with a different request/);
  });

  it('a request the API refuses fails with the problem detail on one line', async () => {
    const refused = await runAction({
      inputs: { ...inputs(), name: 'pr-41-long-lived', ttl: '400d', comment: 'false' },
      event: pullRequestEvent('opened', NUMBER),
      github,
    });
    assert.equal(refused.code, 1);
    assert.equal(refused.errors.length, 1, refused.stdout);
    assert.match(refused.errors[0], /^::error::.*ttl/);
    assert.ok(!/%0A/.test(refused.errors[0]), 'one line');
    assert.equal(refused.stderr, '');
    assert.equal((await api('GET', `/${TEAM}/pr-41-long-lived`)).status, 404, 'nothing started');
  });

  it('closed: deletes the environment and updates the comment to removed', async () => {
    const closed = await runAction({ inputs: inputs(), event: pullRequestEvent('closed', NUMBER), github });
    assert.equal(closed.code, 0, closed.stdout + closed.stderr);
    assert.equal(closed.outputs.phase, 'DESTROYED');
    const { body } = await api('GET', `/${TEAM}/${NAME}`);
    assert.equal(body.phase, 'DESTROYED');
    assert.match(body.reason, new RegExp(`pull request #${NUMBER} closed$`));
    assert.equal(github.callsOf('POST', COMMENTS).length, 1, 'never a second comment');
    assert.equal(github.commentsOn(NUMBER).length, 1);
    assert.match(github.commentsOn(NUMBER)[0].body, /Removed\./);
    assert.match(closed.summary, /Removed\./);
  });

  it('closed again (a re-run): nothing left to delete, still one comment', async () => {
    const again = await runAction({ inputs: inputs(), event: pullRequestEvent('closed', NUMBER), github });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal(again.outputs.phase, 'DESTROYED');
    assert.equal(github.commentsOn(NUMBER).length, 1);
  });
});

describe('provisioning that fails for good', { skip: skip || (!process.env.ENVFORGE_TEST_CONFLICT_NAME && 'needs ENVFORGE_TEST_CONFLICT_NAME') }, () => {
  // The test that runs these files made a namespace of this environment's name that envforge does
  // not own, so the workflow fails with NAMESPACE_CONFLICT and undoes what it did.
  const name = process.env.ENVFORGE_TEST_CONFLICT_NAME;
  const number = Number(/^pr-(\d+)$/.exec(name || 'pr-0')[1]);
  let github;

  before(async () => {
    github = await new FakeGitHub().start();
  });

  after(async () => {
    await github.stop();
  });

  it('fails the step with the reason and turns the comment into a failure notice', async () => {
    const run = await runAction({
      inputs: { server: SERVER, token: TOKEN, team: TEAM, timeout: '3m', 'github-token': 'ghs_fake' },
      event: pullRequestEvent('opened', number),
      github,
    });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.errors.length, 1, run.stdout);
    assert.match(run.errors[0], new RegExp(`^::error::${TEAM}/${name} ended FAILED: NAMESPACE: NAMESPACE_CONFLICT: namespace \\S+ already exists`));
    assert.equal(run.outputs.phase, 'FAILED');
    const comments = github.commentsOn(number);
    assert.equal(comments.length, 1);
    assert.match(comments[0].body, /❌ Provisioning failed: NAMESPACE: NAMESPACE_CONFLICT: /);
    assert.match(comments[0].body, /\| Phase \| \*\*FAILED\*\* \|/);
    assert.match(run.summary, /Provisioning failed/);
  });
});
