// The console: what is going on (endpoint, protocol, TLS, lesson), the transcript with every reply
// explained, a held line's warning or the auth helper's question, and the line editor.
import { Box, Text } from 'ink';
import type { Session } from '../../../record/types.js';
import { TextField } from '../../components/text-field.js';
import { useTone } from '../../theme.js';
import type { TranscriptRow } from '../../transcript-layout.js';
import { layoutTranscript } from '../../transcript-layout.js';
import { truncate, wordWrap } from '../../text-width.js';
import { lineForMore, moreAbout } from './more.js';
import type { ConsoleScreenState } from './controller.js';
import type { ConsoleScreen } from './reducer.js';

/** Rows the console needs besides the transcript: status, lesson, warning, input. */
export const lessonRows = (view: ConsoleScreenState): number => (view.lesson ? 4 : 0);
const statusRows = (view: ConsoleScreenState): number =>
  view.held || view.ask || !view.open ? 2 : 0;

/** Rows of the "more" panel when open. */
export const MORE_ROWS = 12;

export const transcriptHeight = (view: ConsoleScreenState, rows: number, more = false): number =>
  Math.max(
    1,
    rows -
      2 -
      (view.practice ? 1 : 0) -
      (view.incoming ? 1 : 0) -
      lessonRows(view) -
      statusRows(view) -
      (more ? MORE_ROWS : 0),
  );

export const transcriptRows = (session: Session, width: number): TranscriptRow[] =>
  layoutTranscript(
    session.transcript.map((entry, index) => ({ entry, index })),
    width,
  );

/**
 * What the line editor shows: the part of a line that is a password or a SASL payload appears as
 * stars while it is typed, so it is never on screen (the transcript masks it once sent).
 */
export const maskedInput = (view: ConsoleScreenState, input: string): string => {
  const stars = (s: string): string => '*'.repeat([...s].length);
  if (view.mode === 'sasl') return stars(input);
  const patterns: Partial<Record<ConsoleScreenState['protocol'], RegExp>> = {
    pop3: /^(\s*(?:PASS\s+|AUTH\s+\S+\s+|APOP\s+\S+\s+))(.*)$/is,
    imap: /^((?:\S+\s+)?(?:LOGIN\s+(?:"(?:[^"\\]|\\.)*"|\S+)\s+|AUTHENTICATE\s+\S+\s+))(.*)$/is,
    smtp: /^(\s*AUTH\s+\S+\s+)(.*)$/is,
  };
  const match = patterns[view.protocol]?.exec(input);
  return match ? `${match[1]}${stars(match[2] ?? '')}` : input;
};

const promptOf = (view: ConsoleScreenState, screen: ConsoleScreen): string => {
  if (screen.credentials) return screen.credentials.stage === 'user' ? 'user› ' : 'password› ';
  if (view.mode === 'data') return 'message› ';
  if (view.mode === 'sasl') return 'base64› ';
  return `${view.protocol === 'detecting' ? '?' : view.protocol}› `;
};

interface Props {
  session: Session;
  view: ConsoleScreenState;
  screen: ConsoleScreen;
  columns: number;
  /** Rows for the whole console (without the footer). */
  rows: number;
  rowsOfTranscript: TranscriptRow[];
}

export const ConsoleView = ({
  session: _session,
  view,
  screen,
  columns,
  rows,
  rowsOfTranscript,
}: Props) => {
  const tone = useTone();
  const height = transcriptHeight(view, rows, screen.more);
  const end = Math.max(0, rowsOfTranscript.length - screen.scroll);
  const shown = rowsOfTranscript.slice(Math.max(0, end - height), end);
  const about = screen.more
    ? lineForMore(_session.transcript, shown.at(-1)?.entry ?? _session.transcript.length - 1)
    : undefined;
  const moreRows = about
    ? moreAbout(about.text).flatMap((p) => wordWrap(p, Math.max(10, columns - 2)))
    : [];
  const tls = view.handshaking ? 'TLS handshake…' : view.secure ? 'TLS on' : 'no TLS';
  const protocol =
    view.protocol === 'detecting' ? 'waiting for a greeting' : view.protocol.toUpperCase();
  const lesson = view.lesson;
  const step = lesson ? lesson.lesson.steps[lesson.done] : undefined;
  const prompt = promptOf(view, screen);
  const secretStage = screen.credentials?.stage === 'password';
  const value = secretStage
    ? '*'.repeat([...screen.input].length)
    : maskedInput(view, screen.input);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Text wrap="truncate-end">
        <Text bold color={tone('accent')}>
          console
        </Text>{' '}
        {view.endpoint} · {protocol} · {tls}
        {screen.scroll > 0 ? ` · scrolled up ${screen.scroll}` : ''}
        {view.queued > 0 ? ` · ${view.queued} waiting` : ''}
      </Text>
      {view.practice ? (
        <Text wrap="truncate-end">
          {/* The login first: at 80 columns the end of the row is cut, and it is what to type. */}
          login <Text bold>{view.practice.user}</Text> · password{' '}
          <Text bold>{view.practice.password}</Text> ·{' '}
          <Text color={tone('accent')}>practice lab</Text> {view.practice.scenario} · domain{' '}
          {view.practice.domain}
        </Text>
      ) : null}
      {lesson ? (
        <Box flexDirection="column" height={4}>
          <Text wrap="truncate-end" bold>
            Lesson {lesson.lesson.id} ({lesson.done}/{lesson.lesson.steps.length}):{' '}
            {lesson.lesson.title}
          </Text>
          {step ? (
            <>
              <Text wrap="truncate-end">
                type:{' '}
                <Text bold color={tone('client')}>
                  {step.type}
                </Text>
              </Text>
              <Text wrap="truncate-end" dimColor>
                why: {step.why}
              </Text>
              <Text wrap="truncate-end" dimColor>
                reply: {step.reply}
              </Text>
            </>
          ) : (
            <Text color={tone('ok')}>✓ lesson done. l: next lesson</Text>
          )}
        </Box>
      ) : null}
      <Box flexDirection="column" height={height} overflow="hidden">
        {shown.map((row, i) => (
          <Text key={`${row.entry}-${i}`} wrap="truncate-end">
            <Text
              color={
                row.kind === 'client'
                  ? tone('client')
                  : row.kind === 'server'
                    ? tone('server')
                    : undefined
              }
              dimColor={row.kind === 'note' || row.kind === 'explanation'}
            >
              {row.marker.padEnd(3)}
              {row.text}
            </Text>
          </Text>
        ))}
      </Box>
      {view.incoming ? (
        <Text wrap="truncate-end">
          <Text color={tone('server')}>S… {view.incoming.text}</Text>
          <Text dimColor>
            {'  '}({view.incoming.bytes} byte{view.incoming.bytes === 1 ? '' : 's'} so far, the line
            not ended: still arriving)
          </Text>
        </Text>
      ) : null}
      {screen.more ? (
        <Box flexDirection="column" height={MORE_ROWS} overflow="hidden">
          <Text wrap="truncate-end" bold color={tone('accent')}>
            {about ? `more about: ${about.text}` : 'more: no explained reply in view yet'}
          </Text>
          {moreRows.slice(0, MORE_ROWS - 1).map((row, i) => (
            <Text key={i} wrap="truncate-end">
              {row}
            </Text>
          ))}
        </Box>
      ) : null}
      {view.held ? (
        <Box flexDirection="column" height={2}>
          <Text wrap="truncate-end" color={tone(view.held.cleartext ? 'error' : 'warning')}>
            ! held: {view.held.display.join(' ')}
          </Text>
          <Text wrap="truncate-end">
            {truncate(
              `${view.held.warning}. Enter sends it anyway${view.held.cleartext ? ' (an error finding)' : ''}, Esc drops it`,
              columns,
            )}
          </Text>
        </Box>
      ) : view.ask ? (
        <Box flexDirection="column" height={2}>
          <Text wrap="truncate-end" color={tone('accent')}>
            AUTH helper for {view.ask.command}:{' '}
            {screen.credentials?.stage === 'password'
              ? 'the password (masked, never shown or kept)'
              : 'the user name'}
          </Text>
          <Text wrap="truncate-end" dimColor>
            Tab: type the base64 answers yourself · Esc: drop
          </Text>
        </Box>
      ) : !view.open ? (
        <Box flexDirection="column" height={2}>
          <Text wrap="truncate-end" color={tone('warning')}>
            connection closed: {view.closedReason ?? 'by the server'}
          </Text>
          <Text wrap="truncate-end" dimColor>
            Esc then q quits (the session is kept for --report)
          </Text>
        </Box>
      ) : null}
      <Text wrap="truncate-end">
        <Text bold color={tone('accent')}>
          {prompt}
        </Text>
        <TextField
          value={value}
          cursor={screen.cursor}
          width={Math.max(4, columns - prompt.length - 1)}
          focused={screen.typing}
        />
      </Text>
    </Box>
  );
};
