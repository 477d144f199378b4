'use strict';
// The scheduled sweep against the real API: the team's pr-* environments whose pull request is
// closed or missing go, the others stay.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { FakeGitHub } = require('./helpers/fake-github');
const { runAction } = require('./helpers/run-action');
const { SERVER, TOKEN, TEAM, skip, api, removeAndWait } = require('./helpers/real-api');

async function until(condition, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${condition}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('sweep', { skip }, () => {
  let github;
  const names = ['pr-51', 'pr-52', 'pr-53', 'sweep-bystander'];

  before(async () => {
    github = await new FakeGitHub().start();
    github.pulls.set(51, { number: 51, state: 'closed' });
    github.pulls.set(52, { number: 52, state: 'open' });
    // 53 is missing: a pull request of another repository, or deleted.
    for (const name of names) {
      const created = await api('POST', '', { team: TEAM, name });
      assert.equal(created.status, 202, JSON.stringify(created.body));
    }
    // The sweep lists through Temporal's visibility, which learns of new runs a moment later.
    await until(async () => {
      const listed = (await api('GET', `?team=${TEAM}&pageSize=100`)).body.items;
      return names.every((n) => listed.some((e) => e.name === n && e.open));
    });
  });

  after(async () => {
    await github.stop();
    await Promise.all(names.map((name) => removeAndWait(name)));
  });

  it('deletes those whose pull request is closed or missing and keeps the rest', async () => {
    const run = await runAction({
      inputs: { server: SERVER, token: TOKEN, team: TEAM, command: 'sweep', 'github-token': 'ghs_fake' },
      eventName: 'schedule',
      event: { schedule: '*/30 * * * *' },
      github,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(run.outputs.deleted.split('\n').sort(), [`${TEAM}/pr-51`, `${TEAM}/pr-53`]);
    const phase = async (name) => (await api('GET', `/${TEAM}/${name}`)).body.phase;
    assert.ok(['DESTROYING', 'DESTROYED'].includes(await phase('pr-51')));
    assert.ok(['DESTROYING', 'DESTROYED'].includes(await phase('pr-53')));
    assert.ok(['PROVISIONING', 'READY'].includes(await phase('pr-52')));
    assert.ok(['PROVISIONING', 'READY'].includes(await phase('sweep-bystander')));
    assert.match(run.summary, /Deleted 2 of 3\./);
    assert.equal(github.commentsOn(51).length, 1, 'the closed pull request is told');
    assert.match(github.commentsOn(51)[0].body, /Removed by the sweep: pull request #51 is closed/);
    assert.equal(github.commentsOn(52).length, 0);
  });
});
