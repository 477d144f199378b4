'use strict';
// The few GitHub REST endpoints the action needs: a pull request's comments, and a pull request.

const REQUEST_TIMEOUT_MS = 30_000;

class GitHubApi {
  constructor(apiUrl, token, { owner, repo }) {
    this.base = `${(apiUrl || 'https://api.github.com').replace(/\/+$/, '')}/repos/${owner}/${repo}`;
    this.token = token;
  }

  /** Every comment on the issue or pull request, following the pages GitHub hands out. */
  async listComments(number) {
    const comments = [];
    for (let page = 1; ; page++) {
      const batch = await this.call('GET', `/issues/${number}/comments?per_page=100&page=${page}`);
      comments.push(...batch);
      if (batch.length < 100) return comments;
    }
  }

  async createComment(number, body) {
    return this.call('POST', `/issues/${number}/comments`, { body });
  }

  async updateComment(id, body) {
    return this.call('PATCH', `/issues/comments/${id}`, { body });
  }

  /** The pull request, or null when there is none with that number. */
  async pull(number) {
    try {
      return await this.call('GET', `/pulls/${number}`);
    } catch (e) {
      if (e.status === 404) return null;
      throw e;
    }
  }

  async call(method, suffix, body) {
    const response = await fetch(`${this.base}${suffix}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.token}`,
        'x-github-api-version': '2022-11-28',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      let message = '';
      try {
        message = (await response.json()).message || '';
      } catch {
        // GitHub answers JSON; anything else says only its status.
      }
      const error = new Error(
        `GitHub answered ${response.status} to ${method} ${suffix.split('?')[0]}${message ? `: ${message}` : ''}`,
      );
      error.status = response.status;
      throw error;
    }
    return response.status === 204 ? null : response.json();
  }
}

module.exports = { GitHubApi };
