'use strict';
// The GitHub Actions runtime, spoken directly: inputs from INPUT_* variables, outputs and the job
// summary appended to the files the runner names, log commands on standard output. Written here
// rather than taken from a toolkit package so that the action runs with no dependencies at all.

const fs = require('node:fs');
const crypto = require('node:crypto');

class Runner {
  constructor(env = process.env, stdout = process.stdout) {
    this.env = env;
    this.stdout = stdout;
  }

  /** An input as the runner passes it: INPUT_ and the name in capitals, hyphens kept. */
  input(name, { required = false } = {}) {
    const value = (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
    if (required && !value) {
      throw new UsageError(`input "${name}" is required`);
    }
    return value;
  }

  /** The runner passes action.yml's default; the fallback only serves a run outside a runner. */
  booleanInput(name, fallback = false) {
    const value = this.input(name).toLowerCase();
    if (value === '') return fallback;
    if (value === 'false') return false;
    if (value === 'true') return true;
    throw new UsageError(`input "${name}" must be true or false, not "${value}"`);
  }

  /** The event that started the job, as GitHub delivered it to the runner. */
  event() {
    const path = this.env.GITHUB_EVENT_PATH;
    const payload = path && fs.existsSync(path) ? JSON.parse(fs.readFileSync(path, 'utf8')) : {};
    return { name: this.env.GITHUB_EVENT_NAME || '', payload };
  }

  repository() {
    const [owner, repo] = (this.env.GITHUB_REPOSITORY || '').split('/');
    if (!owner || !repo) {
      throw new UsageError('GITHUB_REPOSITORY is not set: run this action in a GitHub workflow');
    }
    return { owner, repo };
  }

  /** Hides the value wherever it would appear in the log; one command per line, as masks are. */
  mask(value) {
    if (!value) return;
    for (const line of String(value).split(/\r?\n/)) {
      if (line.trim()) this.command('add-mask', line.trim());
    }
  }

  setOutput(name, value) {
    appendKeyValue(this.env.GITHUB_OUTPUT, name, value == null ? '' : String(value), this);
  }

  summary(markdown) {
    if (this.env.GITHUB_STEP_SUMMARY) {
      fs.appendFileSync(this.env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
    }
  }

  info(message) {
    this.stdout.write(`${message}\n`);
  }

  notice(message) {
    this.command('notice', message);
  }

  warning(message) {
    this.command('warning', message);
  }

  error(message) {
    this.command('error', message);
  }

  command(name, message) {
    this.stdout.write(`::${name}::${escapeData(message)}\n`);
  }

  /** Where files of this job go that no one else should read. */
  tempDir() {
    return this.env.RUNNER_TEMP || require('node:os').tmpdir();
  }
}

/** A mistake in how the action was called: reported as it is, without further detail. */
class UsageError extends Error {}

// The runner's own escaping for command data: a message stays on one log line.
function escapeData(value) {
  return String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function appendKeyValue(file, name, value, runner) {
  if (!file) {
    // Outside a runner (e.g. tried by hand) the outputs are only logged.
    runner.info(`output ${name}=${value}`);
    return;
  }
  // A random delimiter, so no value can end the block early and forge another output.
  const delimiter = `envforge_${crypto.randomBytes(16).toString('hex')}`;
  fs.appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

module.exports = { Runner, UsageError, escapeData };
