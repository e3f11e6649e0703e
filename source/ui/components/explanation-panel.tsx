// The full explanation of one transcript line, in place of the transcript: the line itself, then
// each section the knowledge base has for it (code, enhanced code, vendor, RFC), cut to the
// height it is given. esc or x closes it.
import { Box, Text } from 'ink';
import type { LineExplanation } from '../line-explanation.js';
import { useTone } from '../theme.js';
import { wordWrap } from '../text-width.js';

interface Props {
  explanation: LineExplanation;
  width: number;
  height: number;
}

type PanelRow = { kind: 'line' | 'heading' | 'text'; text: string };

export const panelRows = (explanation: LineExplanation, width: number): PanelRow[] => {
  const textWidth = Math.max(8, width - 2);
  const rows: PanelRow[] = [{ kind: 'line', text: explanation.line }];
  for (const section of explanation.sections) {
    rows.push({ kind: 'heading', text: section.heading });
    for (const line of section.lines)
      for (const piece of wordWrap(line, textWidth))
        rows.push({ kind: 'text', text: `  ${piece}` });
  }
  return rows;
};

export const ExplanationPanel = ({ explanation, width, height }: Props) => {
  const tone = useTone();
  const rows = panelRows(explanation, width);
  const shown = rows.slice(0, Math.max(1, height));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {shown.map((row, i) =>
        row.kind === 'line' ? (
          <Text key={i} bold wrap="truncate-end">
            {row.text}
          </Text>
        ) : row.kind === 'heading' ? (
          <Text key={i} bold color={tone('accent')} wrap="truncate-end">
            {row.text}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            {row.text}
          </Text>
        ),
      )}
    </Box>
  );
};
