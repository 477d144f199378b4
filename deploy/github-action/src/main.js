'use strict';
// Entry point the runner starts (action.yml: runs.main). Any failure ends the step failed with one
// line saying why, never a stack trace.

const { Runner } = require('./runner');
const { EnvforgeApi } = require('./envforge-api');
const { GitHubApi } = require('./github-api');
const { StickyComment } = require('./sticky-comment');
const { readSettings, resolveCommand } = require('./settings');
const { create, remove } = require('./preview');
const { sweep } = require('./sweep');

async function run(runner) {
  try {
    const settings = readSettings(runner);
    const api = new EnvforgeApi(settings.server, settings.token, {
      pollIntervalMs: Number(runner.env.ENVFORGE_POLL_INTERVAL_MS) || 2000,
    });
    const command = resolveCommand(settings);
    if (command === null) {
      runner.notice(`nothing to do for pull_request "${settings.eventAction}"`);
      return 0;
    }
    const github = () => {
      if (!settings.githubToken) {
        throw new Error('input "github-token" is empty');
      }
      return new GitHubApi(runner.env.GITHUB_API_URL, settings.githubToken, runner.repository());
    };
    if (command === 'sweep') {
      await sweep({ runner, api, github: github(), settings });
      return 0;
    }
    const comment =
      settings.comment && settings.pullNumber && settings.githubToken
        ? new StickyComment(github(), settings.pullNumber, { team: settings.team, name: settings.name })
        : null;
    await (command === 'create' ? create : remove)({ runner, api, settings, comment });
    return 0;
  } catch (e) {
    runner.error(e.message || String(e));
    return 1;
  }
}

if (require.main === module) {
  run(new Runner()).then((code) => {
    process.exitCode = code;
  });
}

module.exports = { run };
