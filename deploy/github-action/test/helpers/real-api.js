'use strict';
// Where the real envforge API is, as the integration test that runs these files says: its address,
// a token for the team, and the team (unique to the run). Without them the tests that need the
// API are skipped, and say so.

const SERVER = process.env.ENVFORGE_TEST_SERVER;
const TOKEN = process.env.ENVFORGE_TEST_TOKEN;
const TEAM = process.env.ENVFORGE_TEST_TEAM;

const skip = SERVER && TOKEN && TEAM ? false : 'needs ENVFORGE_TEST_SERVER, ENVFORGE_TEST_TOKEN and ENVFORGE_TEST_TEAM';

async function api(method, path, body) {
  const response = await fetch(`${SERVER}/api/v1/environments${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Deletes the environment and waits until it is gone, so that the run leaves nothing behind. */
async function removeAndWait(name, timeoutMs = 180_000) {
  await api('DELETE', `/${TEAM}/${name}?reason=test%20cleanup`);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { status, body } = await api('GET', `/${TEAM}/${name}`);
    if (status === 404 || ['DESTROYED', 'FAILED'].includes(body.phase)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${TEAM}/${name} was not gone after ${timeoutMs} ms`);
}

module.exports = { SERVER, TOKEN, TEAM, skip, api, removeAndWait };
