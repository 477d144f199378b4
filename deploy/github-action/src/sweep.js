'use strict';
// sweep: for a scheduled workflow. Deletes the team's pr-<number> environments whose pull request
// is closed or does not exist in this repository; leaves every other environment alone.

const { StickyComment } = require('./sticky-comment');
const { render } = require('./report');

const PULL_REQUEST_NAME = /^pr-([1-9][0-9]*)$/;
const SETTLING = new Set(['DESTROYING', 'DESTROYED', 'FAILED']);

async function sweep({ runner, api, github, settings }) {
  const live = (await api.listTeam(settings.team)).filter(
    (e) => e.open && PULL_REQUEST_NAME.test(e.name) && !SETTLING.has(e.phase),
  );
  const rows = [];
  const deleted = [];
  for (const environment of live) {
    const number = Number(PULL_REQUEST_NAME.exec(environment.name)[1]);
    const pull = await github.pull(number);
    if (pull && pull.state === 'open') {
      rows.push([environment.name, `#${number} open`, 'kept']);
      continue;
    }
    const why = pull ? `pull request #${number} is closed` : `pull request #${number} does not exist`;
    await api.destroy(settings.team, environment.name, why);
    deleted.push(`${settings.team}/${environment.name}`);
    rows.push([environment.name, pull ? `#${number} closed` : `#${number} missing`, 'deleted']);
    runner.info(`deleting ${settings.team}/${environment.name}: ${why}`);
    if (pull && settings.comment) {
      const comment = new StickyComment(github, number, { team: settings.team, name: environment.name });
      try {
        await comment.write(
          render({
            headline: `🗑️ Removed by the sweep: ${why}.`,
            environment: null,
            ref: { team: settings.team, name: environment.name },
          }),
        );
      } catch (e) {
        runner.warning(`could not update the comment on #${number}: ${e.message}`);
      }
    }
  }
  runner.setOutput('deleted', deleted.join('\n'));
  const table = rows.length
    ? ['| environment | pull request | |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)]
    : ['No live pull-request environments.'];
  runner.summary(
    [`### envforge sweep of team \`${settings.team}\``, '', `Deleted ${deleted.length} of ${live.length}.`, '', ...table].join('\n'),
  );
  runner.info(`sweep of ${settings.team}: deleted ${deleted.length} of ${live.length} pull-request environments`);
}

module.exports = { sweep };
