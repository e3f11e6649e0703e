import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STEP_IDS } from '../../source/record/types.js';
import { currentStep, stepStates } from '../../source/ui/step-states.js';
import { sessionFixture } from './session-fixture.js';

test('without a session every step is pending', () => {
  const states = stepStates(undefined);
  assert.deepEqual(
    states.map((state) => state.id),
    [...STEP_IDS],
  );
  assert.ok(states.every((state) => state.status === 'pending'));
  assert.equal(currentStep(states), 'dns');
});

test('finished steps carry their record; the active one is running; the rest pending', () => {
  const states = stepStates(sessionFixture(), 'send');
  assert.deepEqual(
    states.map((state) => state.status),
    ['ok', 'ok', 'warning', 'ok', 'error', 'skipped', 'running', 'pending', 'pending'],
  );
  assert.equal(states[4]?.record?.summary, 'certificate expired');
  assert.equal(currentStep(states), 'send');
});

test('with nothing running, the screen opens where it broke', () => {
  assert.equal(currentStep(stepStates(sessionFixture())), 'tls');
});

test('otherwise on the next step to run; pending steps before a finished one are not in the run', () => {
  const session = sessionFixture();
  session.steps = [
    { id: 'connect', status: 'ok', durationMs: 5, summary: '' },
    { id: 'banner', status: 'warning', durationMs: 5, summary: '' },
  ];
  assert.equal(currentStep(stepStates(session)), 'ehlo');
});

test('when all is done without an error, it opens where it wobbled, else on the last step', () => {
  const session = sessionFixture();
  session.steps = session.steps.map((step) => ({
    ...step,
    status: step.id === 'banner' ? 'warning' : 'ok',
  }));
  session.steps.push(
    ...(['send', 'pop3', 'imap'] as const).map((id) => ({
      id,
      status: 'ok' as const,
      durationMs: 1,
      summary: '',
    })),
  );
  assert.equal(currentStep(stepStates(session)), 'banner');
  session.steps = session.steps.map((step) => ({ ...step, status: 'ok' }));
  assert.equal(currentStep(stepStates(session)), 'imap');
});
