'use strict';
// Runs the action the way the runner does: `node src/main.js` with INPUT_* variables, the event
// payload in a file, and files for the outputs and the job summary; returns what it left behind.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const MAIN = path.resolve(__dirname, '../../src/main.js');
const ACTION = path.resolve(__dirname, '../../action.yml');
const FIXTURES = path.resolve(__dirname, '../fixtures');

/** A webhook payload from the fixtures, for the given pull request number. */
function pullRequestEvent(action, number) {
  const payload = JSON.parse(fs.readFileSync(path.join(FIXTURES, `pull_request.${action}.json`), 'utf8'));
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.url = payload.pull_request.url.replace(/\/\d+$/, `/${number}`);
  return payload;
}

async function runAction({ inputs, event, eventName = 'pull_request', github, extraEnv = {} }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envforge-action-'));
  const files = {
    event: path.join(dir, 'event.json'),
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary.md'),
    temp: path.join(dir, 'runner-temp'),
  };
  fs.mkdirSync(files.temp);
  fs.writeFileSync(files.event, JSON.stringify(event || {}));
  fs.writeFileSync(files.output, '');
  fs.writeFileSync(files.summary, '');
  const env = {
    PATH: process.env.PATH,
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: github ? `${github.owner}/${github.repo}` : 'octo-org/shop',
    GITHUB_API_URL: github ? github.url : 'http://127.0.0.1:9',
    RUNNER_TEMP: files.temp,
    ENVFORGE_POLL_INTERVAL_MS: '300',
    ...extraEnv,
  };
  for (const [name, value] of Object.entries({ ...actionDefaults(), ...inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = String(value);
  }
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(fs.readFileSync(files.output, 'utf8')),
    summary: fs.readFileSync(files.summary, 'utf8'),
    errors: stdout.split('\n').filter((l) => l.startsWith('::error::')),
    masks: stdout.split('\n').filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice(12)),
  };
}

/**
 * The defaults action.yml declares, which the runner passes as INPUT_* variables when the workflow
 * gives no value; expressions (${{ github.token }}) are the runner's to evaluate and are left out.
 */
function actionDefaults() {
  const defaults = {};
  let input = null;
  let inInputs = false;
  for (const line of fs.readFileSync(ACTION, 'utf8').split('\n')) {
    if (/^\S/.test(line)) inInputs = line.startsWith('inputs:');
    else if (inInputs && /^  \S/.test(line)) input = line.trim().replace(/:$/, '');
    else if (inInputs && input) {
      const m = /^    default: (.*)$/.exec(line);
      if (m && !m[1].includes('${{')) defaults[input] = m[1].replace(/^"(.*)"$/, '$1');
    }
  }
  return defaults;
}

/** name<<DELIMITER / value / DELIMITER blocks; a later value for a name wins, as on the runner. */
function parseOutputs(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    outputs[m[1]] = value.join('\n');
  }
  return outputs;
}

module.exports = { runAction, pullRequestEvent, actionDefaults };
