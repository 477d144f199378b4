'use strict';
// One comment per environment on the pull request, found again by a hidden marker and edited in
// place: a re-run or a new push never adds a second one.

function marker(ref) {
  return `<!-- envforge:environment ${ref.team}/${ref.name} -->`;
}

class StickyComment {
  constructor(github, number, ref) {
    this.github = github;
    this.number = number;
    this.marker = marker(ref);
    this.id = undefined;
  }

  /** Writes the body into the comment, creating it only if no comment carries the marker. */
  async write(body) {
    const text = `${this.marker}\n${body}`;
    if (this.id === undefined) {
      const comments = await this.github.listComments(this.number);
      const mine = comments.find((c) => typeof c.body === 'string' && c.body.includes(this.marker));
      this.id = mine ? mine.id : null;
    }
    if (this.id) {
      await this.github.updateComment(this.id, text);
    } else {
      this.id = (await this.github.createComment(this.number, text)).id;
    }
  }
}

module.exports = { StickyComment, marker };
