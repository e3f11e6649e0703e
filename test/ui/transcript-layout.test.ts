import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import type { TranscriptEntry } from '../../source/record/types.js';
import {
  MARKER_WIDTH,
  MAX_ROWS_PER_ENTRY,
  layoutFindings,
  layoutTranscript,
} from '../../source/ui/transcript-layout.js';
import { textWidth } from '../../source/ui/text-width.js';

const entries = (...list: TranscriptEntry[]) => list.map((entry, index) => ({ entry, index }));

test('each direction gets its marker; a server explanation follows on its own row', () => {
  const rows = layoutTranscript(
    entries(
      { t: 0, step: 'ehlo', dir: 'client', text: 'EHLO me' },
      { t: 1, step: 'ehlo', dir: 'server', text: '250 ok', explanation: 'Accepted.' },
      { t: 2, step: 'ehlo', dir: 'note', text: 'took 1 ms' },
    ),
    60,
  );
  assert.deepEqual(
    rows.map((row) => [row.kind, row.marker, row.text, row.entry]),
    [
      ['client', 'C:', 'EHLO me', 0],
      ['server', 'S:', '250 ok', 1],
      ['explanation', '', '  Accepted.', 1],
      ['note', '·', 'took 1 ms', 2],
    ],
  );
});

test('a long wire line wraps at the exact width, continuation rows carry no marker', () => {
  const text = 'x'.repeat(25);
  const rows = layoutTranscript(
    entries({ t: 0, step: 'ehlo', dir: 'server', text }),
    10 + MARKER_WIDTH,
  );
  assert.deepEqual(
    rows.map((row) => [row.marker, row.text]),
    [
      ['S:', 'x'.repeat(10)],
      ['', 'x'.repeat(10)],
      ['', 'x'.repeat(5)],
    ],
  );
});

test('a huge line is cut after a few rows and ends in an ellipsis', () => {
  const rows = layoutTranscript(
    entries({ t: 0, step: 'send', dir: 'server', text: 'y'.repeat(10_000) }),
    40,
  );
  assert.equal(rows.length, MAX_ROWS_PER_ENTRY);
  assert.ok(rows.at(-1)?.text.endsWith('…'));
  for (const row of rows) assert.ok(textWidth(row.text) <= 40 - MARKER_WIDTH);
});

test('secret lines are flagged; explanations only follow server lines', () => {
  const rows = layoutTranscript(
    entries({
      t: 0,
      step: 'auth',
      dir: 'client',
      text: '********',
      secret: true,
      explanation: 'ignored',
    }),
    40,
  );
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.secret, true);
});

test('text is shown as escaped by the session, not interpreted', () => {
  const rows = layoutTranscript(
    entries({ t: 0, step: 'banner', dir: 'server', text: '220 \\x1b[2J hi' }),
    60,
  );
  assert.equal(rows[0]?.text, '220 \\x1b[2J hi');
});

describe('findings under the transcript', () => {
  const finding = {
    id: 'connect.refused',
    severity: 'error' as const,
    step: 'connect' as const,
    title: 'Connection refused by 192.0.2.1:25',
    explanation: 'Nothing accepts connections on that port.',
    evidence: [4],
    next: ['Check that the mail service runs: ss -ltnp', 'Try port 587.'],
  };

  it('lays out a heading, the title with its severity, the explanation and each next step', () => {
    const rows = layoutFindings([finding], 80);
    assert.deepEqual(
      rows.map((r) => [r.kind, r.marker, r.text]),
      [
        ['heading', '', ''],
        ['heading', '', 'Finding'],
        ['finding', '✗', 'Connection refused by 192.0.2.1:25'],
        ['finding-text', '', 'Nothing accepts connections on that port.'],
        ['next', '', '→ Check that the mail service runs: ss -ltnp'],
        ['next', '', '→ Try port 587.'],
      ],
    );
    assert.equal(rows[2]!.entry, 4, 'the title row points at the evidence');
    assert.equal(rows[2]!.severity, 'error');
  });

  it('wraps long next steps under their arrow and has no rows without findings', () => {
    const long = { ...finding, next: ['word '.repeat(30).trim()] };
    const rows = layoutFindings([long], 40).filter((r) => r.kind === 'next');
    assert.ok(rows.length > 1);
    assert.ok(rows[0]!.text.startsWith('→ '));
    assert.ok(rows.slice(1).every((r) => r.text.startsWith('  ')));
    assert.ok(rows.every((r) => r.text.length <= 40 - MARKER_WIDTH));
    assert.deepEqual(layoutFindings([], 80), []);
  });
});
