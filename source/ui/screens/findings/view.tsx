// The findings overview: every finding of the session, the most serious first, each with its
// step. Enter shows it on its step, scrolled so that it is in view.
import { Box, Text } from 'ink';
import { ChoiceList } from '../../components/choice-list.js';
import type { Finding, Session, StepId } from '../../../record/types.js';
import { STEP_INFO } from '../../step-info.js';
import { useTone } from '../../theme.js';
import { truncate } from '../../text-width.js';

const MARK = { error: '✗', warning: '!', info: 'i' } as const;

interface Props {
  findings: readonly Finding[];
  session?: Session;
  /** The highlighted finding. */
  choice: number;
  height: number;
  width: number;
  stepOf: (finding: Finding) => StepId | undefined;
}

export const FindingsView = ({ findings, choice, height, width, stepOf }: Props) => {
  const tone = useTone();
  const counts = (['error', 'warning', 'info'] as const)
    .map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}${n === 1 ? '' : severity === 'info' ? '' : 's'}`);
  const items = findings.map((finding, i) => {
    const step = stepOf(finding);
    const where = step ? STEP_INFO[step].title : 'session';
    return {
      key: `${finding.id}#${i}`,
      label: truncate(
        `${MARK[finding.severity]} ${where}: ${finding.title}`,
        Math.max(10, width - 4),
      ),
    };
  });
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Box>
        <Box flexGrow={1}>
          <Text bold>Findings</Text>
        </Box>
        <Text color={findings.some((f) => f.severity === 'error') ? tone('error') : undefined}>
          {counts.join(', ') || 'none yet'}
        </Text>
      </Box>
      <Text dimColor wrap="truncate-end">
        Everything this session found, the most serious first. Enter shows it on its step.
      </Text>
      <Text> </Text>
      {items.length === 0 ? (
        <Text dimColor>No findings yet: run the steps first.</Text>
      ) : (
        <ChoiceList items={items} index={choice} limit={Math.max(1, height - 3)} />
      )}
    </Box>
  );
};
