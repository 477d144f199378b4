'use strict';
// The action's pieces that need no server: durations, the report, the inputs' checks.

const test = require('node:test');
const assert = require('node:assert/strict');
const { parseSeconds, toIso } = require('../src/durations');
const { render } = require('../src/report');
const { marker } = require('../src/sticky-comment');
const { runAction, pullRequestEvent } = require('./helpers/run-action');

test('durations read as the envforge command reads them and go out as ISO-8601', () => {
  assert.equal(toIso(parseSeconds('8h', 'ttl')), 'PT8H');
  assert.equal(toIso(parseSeconds('1h30m', 'ttl')), 'PT1H30M');
  assert.equal(toIso(parseSeconds('2d', 'ttl')), 'P2D');
  assert.equal(toIso(parseSeconds('PT90M', 'ttl')), 'PT1H30M');
  assert.throws(() => parseSeconds('soon', 'ttl'), /input "ttl" is not a duration: "soon"/);
  assert.throws(() => parseSeconds('', 'ttl'), /not a duration/);
});

test('the report is one table with phase, steps, namespace, secret, expiry and the run', () => {
  const markdown = render({
    headline: 'ready',
    ref: { team: 'payments', name: 'pr-1' },
    environment: {
      phase: 'READY',
      namespace: 'env-payments-pr-1',
      secretName: 'envforge-database',
      expiresAt: '2026-12-01T00:00:00Z',
      temporalUiUrl: 'http://127.0.0.1:8233/namespaces/default/workflows/x/y/history',
      steps: [
        { step: 'CLUSTER', status: 'DONE', durationMillis: 12, attempts: 1 },
        { step: 'DATABASE', status: 'DONE', durationMillis: 1500, attempts: 3 },
      ],
    },
  });
  assert.match(markdown, /\| Phase \| \*\*READY\*\* \|/);
  assert.match(markdown, /✅ cluster 12 ms · ✅ database 1\.5 s \(3 attempts\)/);
  assert.match(markdown, /\| Namespace \| `env-payments-pr-1` \|/);
  assert.match(markdown, /\| Expires \| 2026-12-01T00:00:00Z \|/);
  assert.match(markdown, /\[Temporal UI\]\(http:\/\/127\.0\.0\.1:8233\//);
});

test('the marker names the environment, so two environments on one pull request keep two comments', () => {
  assert.notEqual(marker({ team: 'a', name: 'pr-1' }), marker({ team: 'b', name: 'pr-1' }));
  assert.match(marker({ team: 'a', name: 'pr-1' }), /^<!-- .* -->$/);
});

const BASE_INPUTS = { server: 'http://127.0.0.1:9', token: 't0ken-value', team: 'payments', wait: 'true', comment: 'false' };

test('a wrong input fails the step with one line naming the input', async () => {
  const cases = [
    [{ ...BASE_INPUTS, command: 'deploy' }, /input "command" must be one of create, delete, auto, sweep/],
    [{ ...BASE_INPUTS, team: 'Payments_Team' }, /input "team" must be a DNS-1123 label/],
    [{ ...BASE_INPUTS, profile: 'huge' }, /input "profile" must be one of small, medium, large/],
    [{ ...BASE_INPUTS, ttl: 'forever' }, /input "ttl" is not a duration/],
    [{ ...BASE_INPUTS, wait: 'yes' }, /input "wait" must be true or false/],
    [{ ...BASE_INPUTS, server: 'envforge.example.com' }, /input "server" must be an http\(s\) address/],
  ];
  for (const [inputs, expected] of cases) {
    const run = await runAction({ inputs, event: pullRequestEvent('opened', 3) });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.errors.length, 1, run.stdout);
    assert.match(run.errors[0], expected);
    assert.equal(run.stderr, '', 'no stack trace');
  }
});

test('auto outside a pull request is refused; an action it does not handle does nothing', async () => {
  const push = await runAction({ inputs: BASE_INPUTS, eventName: 'push', event: { ref: 'refs/heads/main' } });
  assert.equal(push.code, 1);
  assert.match(push.errors[0], /command "auto" needs a pull_request event, not "push"/);

  const labeled = await runAction({ inputs: BASE_INPUTS, event: pullRequestEvent('labeled', 3) });
  assert.equal(labeled.code, 0, labeled.stdout);
  assert.match(labeled.stdout, /::notice::nothing to do for pull_request "labeled"/);
});

test('the tokens are masked before anything else is logged', async () => {
  const run = await runAction({
    inputs: { ...BASE_INPUTS, 'github-token': 'ghs_secretvalue' },
    event: pullRequestEvent('opened', 3),
  });
  assert.deepEqual(run.masks.slice(0, 2), ['t0ken-value', 'ghs_secretvalue']);
});

test('an API that does not answer fails with one line naming it', async () => {
  const run = await runAction({ inputs: BASE_INPUTS, event: pullRequestEvent('opened', 3) });
  assert.equal(run.code, 1);
  assert.match(run.errors[0], /the envforge API at http:\/\/127\.0\.0\.1:9\/api\/v1\/environments does not answer/);
  assert.equal(run.stderr, '');
});

test('the sticky comment is found on any page of a long thread and edited, never duplicated', async () => {
  const { FakeGitHub } = require('./helpers/fake-github');
  const { GitHubApi } = require('../src/github-api');
  const { StickyComment } = require('../src/sticky-comment');
  const github = await new FakeGitHub().start();
  try {
    const ref = { team: 'payments', name: 'pr-9' };
    const thread = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `review remark ${i}` }));
    thread[120].body = `${marker(ref)}\nold status`;
    thread[30].body = `${marker({ team: 'search', name: 'pr-9' })}\nanother team's environment`;
    github.comments.set(9, thread);
    const api = new GitHubApi(github.url, 'ghs_token', { owner: github.owner, repo: github.repo });
    const comment = new StickyComment(api, 9, ref);
    await comment.write('first');
    await comment.write('second');
    assert.equal(github.commentsOn(9).length, 150, 'nothing created');
    assert.equal(github.commentsOn(9)[120].body, `${marker(ref)}\nsecond`);
    assert.match(github.commentsOn(9)[30].body, /another team's environment/);
    assert.equal(github.callsOf('GET', /\/comments$/).length, 2, 'two pages read, once');
  } finally {
    await github.stop();
  }
});
