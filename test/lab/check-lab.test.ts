// The lab grades the diagnosis: for every scenario, `check --lab SCENARIO --json` (the built bundle,
// as a user runs it) must end with exit 1 and a finding that names the scenario's cause, or with
// exit 0 and no error for healthy. One table, the scenarios' own data, no copy per scenario.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/cli.js';
import { SCENARIOS } from '../../source/lab/scenarios.js';
import type { Session } from '../../source/record/types.js';

describe('check --lab SCENARIO names the cause', { concurrency: 3 }, () => {
  for (const scenario of SCENARIOS) {
    test(scenario.id, { timeout: 120_000 }, async () => {
      const result = await runCli(['check', '--lab', scenario.id, '--json']);
      const session = JSON.parse(result.stdout) as Session;
      const errors = session.findings.filter((f) => f.severity === 'error').map((f) => f.id);
      const ids = session.findings.map((f) => f.id);
      // The session is the lab's: its domain, through the lab's own resolver.
      assert.equal(session.target.domain, 'practice.test');
      if (scenario.lesson.causes.length === 0) {
        assert.equal(result.code, 0, `errors: ${errors.join(', ')}\n${result.stderr}`);
        assert.deepEqual(errors, []);
        assert.equal(session.delivery?.retrievedBy, 'pop3');
        return;
      }
      assert.equal(result.code, 1, result.stderr);
      const named = scenario.lesson.causes.filter((id) => ids.includes(id));
      assert.ok(
        named.length > 0,
        `${scenario.id}: none of ${scenario.lesson.causes.join(', ')} among ${ids.join(', ')}`,
      );
    });
  }
});

test('check --lab refuses an unknown scenario before any network work (exit 2)', async () => {
  const result = await runCli(['check', '--lab', 'no-such-thing']);
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /--lab.*"no-such-thing" is not a practice scenario; scenarios are healthy, /,
  );
});

test('check --lab refuses a target next to it (exit 2)', async () => {
  const result = await runCli(['check', 'example.test', '--lab', 'healthy']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--lab/);
});
