// `mailmedic lab [SCENARIO] [--json]` on the command line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../source/cli/args.js';
import { UsageError } from '../../source/cli/usage-error.js';

test('lab takes an optional scenario and --json', () => {
  assert.deepEqual(parseCommandLine(['lab']), { kind: 'lab', color: true, json: false });
  assert.deepEqual(parseCommandLine(['lab', 'tarpit', '--json']), {
    kind: 'lab',
    color: true,
    json: true,
    scenario: 'tarpit',
  });
  assert.throws(() => parseCommandLine(['lab', 'a', 'b']), UsageError);
});
