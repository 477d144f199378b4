'use strict';
// Plays the GitHub REST endpoints the action uses, on a loopback port: an issue's comments (list,
// create, update) and pull requests (get). GitHub itself cannot be reached from the tests. Every
// call is recorded so that tests can say what the action did.

const http = require('node:http');

class FakeGitHub {
  constructor({ owner = 'octo-org', repo = 'shop' } = {}) {
    this.owner = owner;
    this.repo = repo;
    this.calls = [];
    this.comments = new Map(); // issue number → [{id, body}]
    this.pulls = new Map(); // number → {number, state}
    this.nextId = 1000;
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
    return this;
  }

  async stop() {
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Calls of one method whose path matches, e.g. calls('POST', /comments$/). */
  callsOf(method, pattern) {
    return this.calls.filter((c) => c.method === method && pattern.test(c.path));
  }

  commentsOn(number) {
    return this.comments.get(number) || [];
  }

  handle(req, res) {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url, 'http://fake');
      const body = raw ? JSON.parse(raw) : null;
      this.calls.push({ method: req.method, path: url.pathname, query: url.search, body, auth: req.headers.authorization });
      const send = (status, value) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const prefix = `/repos/${this.owner}/${this.repo}`;
      if (!url.pathname.startsWith(prefix) || !req.headers.authorization) {
        return send(404, { message: 'Not Found' });
      }
      const rest = url.pathname.slice(prefix.length);
      let m;
      if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
        const number = Number(m[1]);
        const list = this.commentsOn(number);
        if (req.method === 'GET') {
          const perPage = Number(url.searchParams.get('per_page') || 30);
          const page = Number(url.searchParams.get('page') || 1);
          return send(200, list.slice((page - 1) * perPage, page * perPage));
        }
        if (req.method === 'POST') {
          const comment = { id: this.nextId++, body: body.body };
          this.comments.set(number, [...list, comment]);
          return send(201, comment);
        }
      }
      if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && req.method === 'PATCH') {
        for (const list of this.comments.values()) {
          const comment = list.find((c) => c.id === Number(m[1]));
          if (comment) {
            comment.body = body.body;
            return send(200, comment);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && req.method === 'GET') {
        const pull = this.pulls.get(Number(m[1]));
        return pull ? send(200, pull) : send(404, { message: 'Not Found' });
      }
      return send(404, { message: 'Not Found' });
    });
  }
}

module.exports = { FakeGitHub };
