'use strict';
// The action's inputs, checked once, with the event that started the job.

const { UsageError } = require('./runner');
const { parseSeconds, toIso } = require('./durations');

const COMMANDS = ['create', 'delete', 'auto', 'sweep'];
const CREATE_ACTIONS = new Set(['opened', 'reopened', 'synchronize']);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function readSettings(runner) {
  const token = runner.input('token', { required: true });
  const githubToken = runner.input('github-token');
  runner.mask(token);
  runner.mask(githubToken);
  const event = runner.event();
  const command = runner.input('command') || 'auto';
  if (!COMMANDS.includes(command)) {
    throw new UsageError(`input "command" must be one of ${COMMANDS.join(', ')}, not "${command}"`);
  }
  const pull = event.payload.pull_request || null;
  const settings = {
    server: runner.input('server', { required: true }),
    token,
    githubToken,
    team: label(runner.input('team', { required: true }), 'team'),
    command,
    pull,
    pullNumber: pull ? pull.number : event.payload.number || null,
    eventName: event.name,
    eventAction: event.payload.action || '',
    wait: runner.booleanInput('wait', true),
    timeoutMs: parseSeconds(runner.input('timeout') || '15m', 'timeout') * 1000,
    comment: runner.booleanInput('comment', true),
    kubeconfig: runner.booleanInput('kubeconfig'),
    kubeconfigTtl: toIso(parseSeconds(runner.input('kubeconfig-ttl') || '1h', 'kubeconfig-ttl')),
    request: null,
  };
  if (!/^https?:\/\//.test(settings.server)) {
    throw new UsageError(`input "server" must be an http(s) address, not "${settings.server}"`);
  }
  if (command === 'auto' && !pull) {
    throw new UsageError(
      `command "auto" needs a pull_request event, not "${event.name || 'none'}": say create or delete`,
    );
  }
  if (command !== 'sweep') {
    const name = runner.input('name') || (settings.pullNumber ? `pr-${settings.pullNumber}` : '');
    if (!name) {
      throw new UsageError('input "name" is required outside a pull_request event');
    }
    settings.name = label(name, 'name');
    settings.request = environmentRequest(runner, settings.team, settings.name);
  }
  return settings;
}

/** What "auto" means for this event: create, delete, or nothing to do (null). */
function resolveCommand(settings) {
  if (settings.command !== 'auto') return settings.command;
  if (CREATE_ACTIONS.has(settings.eventAction)) return 'create';
  if (settings.eventAction === 'closed') return 'delete';
  return null;
}

/** The API's request body; fields left out take the API's defaults. */
function environmentRequest(runner, team, name) {
  const request = { team, name };
  const profile = runner.input('profile');
  if (profile) request.profile = oneOf(profile.toLowerCase(), ['small', 'medium', 'large'], 'profile');
  const database = runner.input('database') || 'none';
  const driver = runner.input('database-driver') || 'direct';
  oneOf(database, ['none', 'postgres'], 'database');
  oneOf(driver, ['direct', 'crossplane'], 'database-driver');
  if (database === 'postgres') request.database = { kind: 'postgres', driver };
  const ttl = runner.input('ttl');
  if (ttl) request.ttl = toIso(parseSeconds(ttl, 'ttl'));
  return request;
}

function oneOf(value, allowed, input) {
  if (!allowed.includes(value)) {
    throw new UsageError(`input "${input}" must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value;
}

function label(value, input) {
  if (value.length > 63 || !DNS_LABEL.test(value)) {
    throw new UsageError(
      `input "${input}" must be a DNS-1123 label (lower-case letters, digits and '-'), not "${value}"`,
    );
  }
  return value;
}

module.exports = { readSettings, resolveCommand };
