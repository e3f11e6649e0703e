import assert from 'node:assert/strict';
import { test } from 'node:test';
import { componentFromStack } from '../../../source/ui/components/crash-boundary.js';

test('names the innermost component of a React component stack', () => {
  const stack =
    '\n    at CrashTest (file:///x/app.tsx:10:3)\n    at Box\n    at Wizard (file:///x/app.tsx:50:1)';
  assert.equal(componentFromStack(stack), 'CrashTest');
  assert.equal(componentFromStack('\n    at StepView\n    at App'), 'StepView');
});

test('falls back to a plain name when there is no stack', () => {
  assert.equal(componentFromStack(undefined), 'the wizard');
  assert.equal(componentFromStack(''), 'the wizard');
});
