// The same check with standard tools for one step, wrapped (never cut) so a command can be copied
// whole from the screen. The builder is report/equivalents.ts; the step screen may embed this.
import { Box, Text } from 'ink';
import type { Session, StepId } from '../../record/types.js';
import { PLACEHOLDER_NOTE, equivalentsFor } from '../../report/equivalents.js';
import { useTone } from '../theme.js';
import { hardWrap, wordWrap } from '../text-width.js';

interface Props {
  session: Session;
  step: StepId;
  width: number;
  height: number;
}

type Row = { kind: 'title' | 'purpose' | 'command' | 'note'; text: string };

export const equivalentRows = (session: Session, step: StepId, width: number): Row[] => {
  const commands = equivalentsFor(session, step);
  const rows: Row[] = [{ kind: 'title', text: `The same check with standard tools: ${step}` }];
  if (commands.length === 0) {
    rows.push({ kind: 'note', text: 'No standard tool does this step on its own.' });
    return rows;
  }
  for (const piece of wordWrap(PLACEHOLDER_NOTE, width)) rows.push({ kind: 'note', text: piece });
  for (const command of commands) {
    rows.push({ kind: 'purpose', text: `${command.tool}: ${command.purpose}` });
    for (const piece of hardWrap(`$ ${command.command}`, Math.max(8, width)))
      rows.push({ kind: 'command', text: piece });
  }
  return rows;
};

export const EquivalentCommands = ({ session, step, width, height }: Props) => {
  const tone = useTone();
  const rows = equivalentRows(session, step, width).slice(0, Math.max(1, height));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {rows.map((row, i) => (
        <Text
          key={i}
          wrap="truncate-end"
          bold={row.kind === 'title'}
          dimColor={row.kind === 'note'}
          color={row.kind === 'purpose' ? tone('accent') : undefined}
        >
          {row.text}
        </Text>
      ))}
    </Box>
  );
};
