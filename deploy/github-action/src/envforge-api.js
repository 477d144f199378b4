'use strict';
// envforge's REST API through Node's own fetch. Every refusal becomes an ApiProblem whose message is
// the one line the API wrote in its problem detail.

const TERMINAL = new Set(['DESTROYED', 'FAILED']);
const REQUEST_TIMEOUT_MS = 30_000;

class ApiProblem extends Error {
  constructor(status, problem, fallback) {
    super(oneLine(problem && (problem.detail || problem.title)) || fallback);
    this.status = status;
    this.problem = problem || {};
  }
}

class EnvforgeApi {
  constructor(server, token, { pollIntervalMs = 2000, sleep = defaultSleep } = {}) {
    this.base = `${server.replace(/\/+$/, '')}/api/v1/environments`;
    this.token = token;
    this.pollIntervalMs = pollIntervalMs;
    this.sleep = sleep;
  }

  /** 202 for a new environment, 200 for the same request again: either way the environment. */
  async create(request) {
    const response = await this.call('POST', '', {
      body: JSON.stringify(request),
      headers: { 'content-type': 'application/json' },
    });
    return { created: response.status === 202, environment: await response.json() };
  }

  async get(team, name) {
    return (await this.call('GET', path(team, name))).json();
  }

  /** Null when there is no such environment (any more). */
  async find(team, name) {
    try {
      return await this.get(team, name);
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 404) return null;
      throw e;
    }
  }

  /** Starts teardown; null when there was nothing to tear down. */
  async destroy(team, name, reason) {
    try {
      const query = reason ? `?reason=${encodeURIComponent(reason)}` : '';
      return await (await this.call('DELETE', `${path(team, name)}${query}`)).json();
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 404) return null;
      throw e;
    }
  }

  /** Every environment of the team the caller may see, page after page. */
  async listTeam(team) {
    const items = [];
    let pageToken = null;
    do {
      const query = new URLSearchParams({ team, pageSize: '100' });
      if (pageToken) query.set('pageToken', pageToken);
      const page = await (await this.call('GET', `?${query}`)).json();
      items.push(...page.items);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return items;
  }

  /** A kubeconfig for the environment's namespace, as YAML; the API refuses one under 10 minutes. */
  async kubeconfig(team, name, ttl) {
    const response = await this.call('POST', `${path(team, name)}/access`, {
      body: JSON.stringify({ ttl }),
      headers: { 'content-type': 'application/json', accept: 'application/yaml' },
    });
    return response.text();
  }

  /**
   * Reads the environment until it reaches one of the phases or a terminal one, telling onChange
   * of every status that differs from the one before; the last status when the time is up.
   */
  async waitFor(team, name, phases, timeoutMs, onChange = () => {}) {
    const deadline = Date.now() + timeoutMs;
    let last = null;
    let seen = '';
    for (;;) {
      last = await this.find(team, name);
      if (last === null) return null;
      const fingerprint = JSON.stringify([last.phase, last.steps, last.reason]);
      if (fingerprint !== seen) {
        seen = fingerprint;
        await onChange(last);
      }
      if (phases.includes(last.phase) || TERMINAL.has(last.phase)) {
        return { environment: last, timedOut: false };
      }
      if (Date.now() >= deadline) return { environment: last, timedOut: true };
      await this.sleep(Math.min(this.pollIntervalMs, Math.max(0, deadline - Date.now())));
    }
  }

  async call(method, suffix, { body, headers = {} } = {}) {
    let response;
    try {
      response = await fetch(`${this.base}${suffix}`, {
        method,
        body,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...headers },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (e) {
      throw new ApiProblem(0, null, `the envforge API at ${this.base} does not answer: ${causeOf(e)}`);
    }
    if (response.ok) return response;
    const text = await response.text();
    let problem = null;
    try {
      problem = JSON.parse(text);
    } catch {
      // Not a problem detail (a proxy's error page, say): the status must do.
    }
    throw new ApiProblem(
      response.status,
      problem,
      `the envforge API answered ${response.status} to ${method} ${this.base}${suffix}`,
    );
  }
}

function path(team, name) {
  return `/${encodeURIComponent(team)}/${encodeURIComponent(name)}`;
}

function oneLine(text) {
  return text ? String(text).replace(/\s+/g, ' ').trim() : '';
}

function causeOf(error) {
  const cause = error.cause || error;
  return oneLine(cause.code || cause.message || String(cause));
}

function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

module.exports = { EnvforgeApi, ApiProblem, TERMINAL };
