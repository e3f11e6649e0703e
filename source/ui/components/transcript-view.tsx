// A window onto the laid-out transcript: exactly `height` rows from `top`, one screen row each.
// Text is shown as the session escaped it; rows are truncated as a last guard so a row the width
// estimate got wrong cannot wrap and shift everything below it.
import { Box, Text } from 'ink';
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { RowList } from '../transcript-index.js';
import type { TranscriptRow } from '../transcript-layout.js';
import { MARKER_WIDTH } from '../transcript-layout.js';
import { useTone } from '../theme.js';

interface Props {
  /** Only the window's rows are read (a long transcript is laid out where it is shown). */
  rows: RowList;
  top: number;
  height: number;
  empty?: string;
}

/** What the reader picked: the selected entry (its rows are marked) and the text being found. */
export interface TranscriptMarks {
  selected?: number;
  query?: string;
  /** A saved session: a step without lines will never have any. */
  saved?: boolean;
}

/** Given by the app around the step screen, so the screen need not pass the reader's state on. */
export const TranscriptMarksContext = createContext<TranscriptMarks>({});

/** The text with every occurrence of the query (ignoring case) shown inverse. */
export const withMatches = (text: string, query: string | undefined): ReactNode => {
  const needle = query?.trim().toLowerCase();
  if (!needle) return text;
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(
      <Text key={at} inverse>
        {text.slice(at, at + needle.length)}
      </Text>,
    );
    from = at + needle.length;
  }
  if (from === 0) return text;
  if (from < text.length) parts.push(text.slice(from));
  return parts;
};

const Row = ({ row, marks }: { row: TranscriptRow; marks: TranscriptMarks }) => {
  const tone = useTone();
  const selected =
    marks.selected !== undefined &&
    row.entry === marks.selected &&
    (row.kind === 'client' || row.kind === 'server' || row.kind === 'note');
  if (selected) {
    // Marked without colour too: "›" replaces the direction's second character.
    return (
      <Text wrap="truncate-end" bold>
        <Text inverse>
          {(row.marker ? `${row.marker.slice(0, 1)}›` : ' ›').padEnd(MARKER_WIDTH)}
        </Text>
        {withMatches(row.text, marks.query)}
      </Text>
    );
  }
  const marker = row.marker.padEnd(MARKER_WIDTH);
  switch (row.kind) {
    case 'explanation':
      return (
        <Text wrap="truncate-end" dimColor>
          {' '.repeat(MARKER_WIDTH)}
          {withMatches(row.text, marks.query)}
        </Text>
      );
    case 'heading':
      return (
        <Text wrap="truncate-end" bold>
          {row.text || ' '}
        </Text>
      );
    case 'finding':
      return (
        <Text wrap="truncate-end" bold>
          <Text
            color={
              row.severity ? tone(row.severity === 'info' ? 'accent' : row.severity) : undefined
            }
          >
            {marker}
          </Text>
          {row.text}
        </Text>
      );
    case 'finding-text':
      return (
        <Text wrap="truncate-end">
          {marker}
          {row.text}
        </Text>
      );
    case 'next':
      return (
        <Text wrap="truncate-end" color={tone('accent')}>
          {marker}
          {row.text}
        </Text>
      );
    case 'note':
      return (
        <Text wrap="truncate-end" dimColor>
          {marker}
          {row.text}
        </Text>
      );
    default:
      return (
        <Text wrap="truncate-end">
          <Text bold color={tone(row.kind)}>
            {marker}
          </Text>
          {withMatches(row.text, marks.query)}
          {row.secret && row.marker ? <Text dimColor> (masked)</Text> : null}
        </Text>
      );
  }
};

export const TranscriptView = ({ rows, top, height, empty }: Props) => {
  const marks = useContext(TranscriptMarksContext);
  const visible = rows.slice(top, top + height);
  const idle =
    empty ??
    (marks.saved
      ? 'This step did not run in the saved session.'
      : 'Nothing on the wire yet for this step.');
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.length === 0 ? <Text dimColor>{idle}</Text> : null}
      {visible.map((row, i) => (
        <Row key={`${top + i}`} row={row} marks={marks} />
      ))}
    </Box>
  );
};
