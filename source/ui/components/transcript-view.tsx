// A window onto the laid-out transcript: exactly `height` rows from `top`, one screen row each.
// Text is shown as the session escaped it; rows are truncated as a last guard so a row the width
// estimate got wrong cannot wrap and shift everything below it.
import { Box, Text } from 'ink';
import type { TranscriptRow } from '../transcript-layout.js';
import { MARKER_WIDTH } from '../transcript-layout.js';
import { useTone } from '../theme.js';

interface Props {
  rows: readonly TranscriptRow[];
  top: number;
  height: number;
  empty?: string;
}

const Row = ({ row }: { row: TranscriptRow }) => {
  const tone = useTone();
  const marker = row.marker.padEnd(MARKER_WIDTH);
  switch (row.kind) {
    case 'explanation':
      return (
        <Text wrap="truncate-end" dimColor>
          {' '.repeat(MARKER_WIDTH)}
          {row.text}
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
          {row.text}
          {row.secret && row.marker ? <Text dimColor> (masked)</Text> : null}
        </Text>
      );
  }
};

export const TranscriptView = ({ rows, top, height, empty }: Props) => {
  const visible = rows.slice(top, top + height);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.length === 0 && empty ? <Text dimColor>{empty}</Text> : null}
      {visible.map((row, i) => (
        <Row key={`${top + i}`} row={row} />
      ))}
    </Box>
  );
};
