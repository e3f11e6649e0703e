import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { STEP_IDS } from '../../../source/record/types.js';
import { StepRail } from '../../../source/ui/components/step-rail.js';
import { stepStates } from '../../../source/ui/step-states.js';
import { ThemeProvider } from '../../../source/ui/theme.js';
import { sessionFixture } from '../session-fixture.js';
import { stripAnsi } from '../harness.js';

afterEach(cleanup);

/** The rail's rows as [marker, glyph, step id], from the rendered frame. */
const railRows = (frame: string): string[][] =>
  frame
    .split('\n')
    .map((line) => line.replace(/│\s*$/, '').trim())
    .filter((line) => /\S+ \S+$/.test(line) && line !== 'Steps')
    .map((line) => {
      const parts = line.split(/\s+/);
      return parts.length === 3 ? parts : ['', ...parts];
    });

test('all nine steps with the glyph of their status; the current one marked', () => {
  const { lastFrame } = render(
    <ThemeProvider color={false}>
      <StepRail states={stepStates(sessionFixture(), 'send')} current="ehlo" focused height={10} />
    </ThemeProvider>,
  );
  const frame = stripAnsi(lastFrame() ?? '');
  assert.ok(frame.includes('Steps'));
  assert.deepEqual(railRows(frame), [
    ['', '✓', 'dns'],
    ['', '✓', 'connect'],
    ['', '!', 'banner'],
    ['›', '✓', 'ehlo'],
    ['', '✗', 'tls'],
    ['', '–', 'auth'],
    ['', '◐', 'send'],
    ['', '○', 'pop3'],
    ['', '○', 'imap'],
  ]);
});

test('without a session all steps are pending and none is marked; no title when short of room', () => {
  const { lastFrame } = render(
    <ThemeProvider color={false}>
      <StepRail states={stepStates(undefined)} focused={false} height={9} />
    </ThemeProvider>,
  );
  const frame = stripAnsi(lastFrame() ?? '');
  assert.ok(!frame.includes('Steps'));
  assert.ok(!frame.includes('›'));
  assert.deepEqual(
    railRows(frame).map((row) => row.slice(1)),
    STEP_IDS.map((id) => ['○', id]),
  );
});
