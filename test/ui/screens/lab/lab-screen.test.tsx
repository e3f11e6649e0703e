// The lab screen's pieces: the verdict (pure, from the findings), its view, and the scenario
// picker (ink-select-input: arrows move, the story follows, enter chooses).
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { Finding } from '../../../../source/record/types.js';
import type { LabLesson } from '../../../../source/ui/screens/lab/lesson.js';
import { lessonVerdict } from '../../../../source/ui/screens/lab/lesson.js';
import { LessonVerdictView } from '../../../../source/ui/screens/lab/lesson-verdict-view.js';
import { LabPicker } from '../../../../source/ui/screens/lab/picker.js';
import { ThemeProvider } from '../../../../source/ui/theme.js';
import { sessionFixture } from '../../session-fixture.js';
import { settle, stripAnsi } from '../../harness.js';

afterEach(cleanup);

const lesson = (id: string, causes: string[]): LabLesson => ({
  id,
  title: `The ${id} lesson`,
  story: `A customer says: "${id} is broken."`,
  tryThis: [`Try ${id} by hand.`],
  protocolShows: 'What the wire shows.',
  fix: `Fix ${id} on the server.`,
  causes,
});

const finding = (id: string, severity: Finding['severity'] = 'error'): Finding => ({
  id,
  severity,
  title: `Title of ${id}`,
  explanation: '',
  evidence: [],
  next: [],
});

const withFindings = (findings: Finding[]) => ({ ...sessionFixture(), findings });

test('verdict: found when a cause finding is there, missed when not, running until the end', () => {
  const relay = lesson('relay-denied', ['send.relay-denied']);
  assert.deepEqual(lessonVerdict(relay, withFindings([finding('send.relay-denied')]), false), {
    kind: 'found',
    finding: { id: 'send.relay-denied', title: 'Title of send.relay-denied' },
    fix: 'Fix relay-denied on the server.',
  });
  assert.deepEqual(lessonVerdict(relay, withFindings([finding('auth.failed')]), false), {
    kind: 'missed',
    expected: ['send.relay-denied'],
    fix: 'Fix relay-denied on the server.',
  });
  assert.deepEqual(lessonVerdict(relay, withFindings([finding('send.relay-denied')]), true), {
    kind: 'running',
  });
  assert.deepEqual(lessonVerdict(relay, undefined, false), { kind: 'running' });
});

test('verdict: the healthy lab passes with warnings and fails with an error', () => {
  const healthy = lesson('healthy', []);
  assert.deepEqual(lessonVerdict(healthy, withFindings([finding('x', 'warning')]), false), {
    kind: 'healthy',
  });
  assert.deepEqual(lessonVerdict(healthy, withFindings([finding('tls.cert-expired')]), false), {
    kind: 'healthy-broken',
    errors: ['tls.cert-expired'],
  });
});

test('the verdict view says whether the cause was named, and the fix', () => {
  const relay = lesson('relay-denied', ['send.relay-denied']);
  const { lastFrame } = render(
    <ThemeProvider color={false}>
      <LessonVerdictView
        lesson={relay}
        verdict={lessonVerdict(relay, withFindings([finding('send.relay-denied')]), false)}
      />
    </ThemeProvider>,
  );
  const frame = stripAnsi(lastFrame() ?? '');
  assert.match(
    frame,
    /✓ Lesson “The relay-denied lesson”: the diagnosis named the cause: Title of send\.relay-denied\s+\(send\.relay-denied\)/,
  );
  assert.match(frame, /The fix: Fix relay-denied on the server\./);
});

test('the picker lists the scenarios, starts on healthy, shows the story, enter chooses', async () => {
  const lessons = [
    lesson('auth-failure', ['auth.failed']),
    lesson('healthy', []),
    lesson('tarpit', ['banner.timeout']),
  ];
  const chosen: string[] = [];
  const { lastFrame, stdin } = render(
    <ThemeProvider color={false}>
      <LabPicker lessons={lessons} onChoose={(id) => chosen.push(id)} />
    </ThemeProvider>,
  );
  const frame = () => stripAnsi(lastFrame() ?? '');
  const waitFor = async (pattern: RegExp) => {
    while (!pattern.test(frame())) await settle(10);
  };
  assert.match(frame(), /Practice lab: choose a scenario/);
  assert.match(frame(), /❯ healthy/);
  assert.match(frame(), /A customer says: "healthy is broken\."/);
  await settle();
  stdin.write('\r');
  while (chosen.length === 0) await settle(10);
  assert.deepEqual(chosen, ['healthy']);
  stdin.write('\u001B[B'); // down: the story follows the highlight
  await waitFor(/❯ tarpit/);
  await waitFor(/A customer says: "tarpit is broken\."/);
  assert.match(frame(), /· Try tarpit by hand\./);
  stdin.write('1'); // a number chooses the item shown at that place
  while (chosen.length === 1) await settle(10);
  assert.deepEqual(chosen, ['healthy', 'auth-failure']);
});
