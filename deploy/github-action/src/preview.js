'use strict';
// create and delete: one environment, its outputs, its sticky comment and the job summary.

const fs = require('node:fs');
const path = require('node:path');
const { ApiProblem } = require('./envforge-api');
const { render } = require('./report');

class Failure extends Error {}

async function create({ runner, api, settings, comment }) {
  const ref = { team: settings.team, name: settings.name };
  let answer;
  try {
    answer = await api.create(settings.request);
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 409 && Array.isArray(e.problem.differences)) {
      // The same name with another spec: never replaced behind the developer's back.
      const what = differences(e.problem.differences) || e.message;
      const report = render({
        headline: `❌ \`${ref.team}/${ref.name}\` already exists with a different request (${what}). Delete it, or close and reopen the pull request, to make it anew.`,
        environment: await api.find(ref.team, ref.name),
        ref,
      });
      await publish(runner, comment, report);
      throw new Failure(`${ref.team}/${ref.name} already exists with a different request (${what})`);
    }
    throw e;
  }
  let environment = answer.environment;
  runner.info(
    `${answer.created ? 'requested' : 'found the same request for'} ${ref.team}/${ref.name}: ${environment.phase}`,
  );
  setOutputs(runner, environment);
  if (!settings.wait) {
    await publish(runner, comment, render({ headline: headline(environment), environment, ref }));
    return;
  }
  await publish(runner, comment, render({ headline: '⏳ Provisioning…', environment, ref }), false);
  const outcome = await api.waitFor(ref.team, ref.name, ['READY'], settings.timeoutMs, (seen) => {
    runner.info(`${seen.phase} ${stepLine(seen)}`);
  });
  if (outcome === null) {
    throw new Failure(`${ref.team}/${ref.name} disappeared while it was provisioned`);
  }
  environment = outcome.environment;
  setOutputs(runner, environment);
  if (outcome.timedOut) {
    const note = `still ${environment.phase} after the timeout of ${settings.timeoutMs / 1000} s`;
    await publish(runner, comment, render({ headline: `⌛ ${note}`, environment, ref }));
    throw new Failure(`${ref.team}/${ref.name} is ${note}`);
  }
  if (environment.phase !== 'READY') {
    const reason = oneLine(environment.reason) || 'no reason given';
    await publish(
      runner,
      comment,
      render({ headline: `❌ Provisioning failed: ${reason}`, environment, ref }),
    );
    throw new Failure(`${ref.team}/${ref.name} ended ${environment.phase}: ${reason}`);
  }
  if (settings.kubeconfig) {
    runner.setOutput('kubeconfig', await writeKubeconfig(runner, api, ref, settings.kubeconfigTtl));
  }
  await publish(runner, comment, render({ headline: headline(environment), environment, ref }));
}

async function remove({ runner, api, settings, comment }) {
  const ref = { team: settings.team, name: settings.name };
  const reason = settings.pullNumber
    ? `pull request #${settings.pullNumber} closed`
    : 'deleted by a workflow';
  let environment = await api.destroy(ref.team, ref.name, reason);
  if (environment === null) {
    runner.notice(`${ref.team}/${ref.name} does not exist: nothing to delete`);
    runner.setOutput('environment', `${ref.team}/${ref.name}`);
    runner.setOutput('phase', 'DESTROYED');
    await publish(runner, comment, render({ headline: '🗑️ Removed.', environment: null, ref }));
    return;
  }
  setOutputs(runner, environment);
  if (settings.wait) {
    const outcome = await api.waitFor(ref.team, ref.name, ['DESTROYED'], settings.timeoutMs, (seen) =>
      runner.info(`${seen.phase} ${stepLine(seen)}`),
    );
    if (outcome !== null) {
      environment = outcome.environment;
      setOutputs(runner, environment);
      if (outcome.timedOut || environment.phase !== 'DESTROYED') {
        const what = outcome.timedOut ? `still ${environment.phase} after the timeout` : `ended ${environment.phase}`;
        const reason = oneLine(environment.reason);
        await publish(
          runner,
          comment,
          render({ headline: `❌ Removal ${what}${reason ? `: ${reason}` : ''}`, environment, ref }),
        );
        throw new Failure(`${ref.team}/${ref.name}: removal ${what}${reason ? `: ${reason}` : ''}`);
      }
    }
  }
  const done = environment.phase === 'DESTROYED' ? '🗑️ Removed.' : '🗑️ Being removed.';
  await publish(runner, comment, render({ headline: done, environment, ref }));
}

/** "profile: small, asked large; ttl: PT8H, asked PT2H" from the problem's differences. */
function differences(list) {
  return list
    .map((d) => `${d.field}: ${show(d.current)}, asked ${show(d.requested)}`)
    .join('; ');
}

function show(value) {
  if (value === null || value === undefined) return 'the default';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function headline(environment) {
  switch (environment.phase) {
    case 'READY':
      return `✅ Ready in namespace \`${environment.namespace}\`.`;
    case 'PROVISIONING':
      return '⏳ Provisioning…';
    default:
      return `${environment.phase}`;
  }
}

function setOutputs(runner, environment) {
  runner.setOutput('environment', `${environment.team}/${environment.name}`);
  runner.setOutput('namespace', environment.namespace || '');
  runner.setOutput('secret-name', environment.secretName || '');
  runner.setOutput('phase', environment.phase);
  runner.setOutput('ui-url', environment.temporalUiUrl || '');
  runner.setOutput('expires-at', environment.expiresAt || '');
}

/**
 * Updates the sticky comment (when there is one to keep) and, unless it is an intermediate state,
 * the job summary.
 */
async function publish(runner, comment, markdown, final = true) {
  if (comment) {
    try {
      await comment.write(markdown);
    } catch (e) {
      // The environment matters more than the comment: say so, and carry on.
      runner.warning(`could not update the pull request comment: ${e.message}`);
    }
  }
  if (final) runner.summary(markdown);
}

/** The kubeconfig in a file only the job's user can read; its secret lines masked first. */
async function writeKubeconfig(runner, api, ref, ttl) {
  const yaml = await api.kubeconfig(ref.team, ref.name, ttl);
  for (const match of yaml.matchAll(/^\s*(?:token|client-key-data|password):\s*(\S+)\s*$/gm)) {
    runner.mask(match[1].replace(/^["']|["']$/g, ''));
  }
  const file = path.join(runner.tempDir(), `envforge-${ref.team}-${ref.name}.kubeconfig`);
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, yaml, { mode: 0o600 });
  return file;
}

function stepLine(environment) {
  return (environment.steps || []).map((s) => `${s.step.toLowerCase()}=${s.status}`).join(' ');
}

function oneLine(text) {
  return text ? String(text).replace(/\s+/g, ' ').trim() : '';
}

module.exports = { create, remove, Failure };
