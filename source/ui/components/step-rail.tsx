// The nine steps down the left edge, each with its status glyph; the step on screen is marked
// with "›" and bold, so it stands out without colour too.
import { Box, Text } from 'ink';
import type { StepId } from '../../record/types.js';
import type { RailStatus, StepState } from '../step-states.js';
import { STATUS_GLYPH } from '../step-states.js';
import type { Tone } from '../theme.js';
import { useTone } from '../theme.js';
import { RAIL_WIDTH } from '../layout.js';

const STATUS_TONE: Partial<Record<RailStatus, Tone>> = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  running: 'running',
};

interface Props {
  states: readonly StepState[];
  /** The entry on screen ('findings' for the overview); none on the start screen. */
  current?: StepId | 'findings';
  /** The findings overview's entry, under the steps, once a session has findings to list. */
  findings?: { count: number; status: RailStatus };
  focused: boolean;
  height: number;
}

export const StepRail = ({ states, current, focused, height, findings }: Props) => {
  const tone = useTone();
  const showTitle = height > states.length + (findings ? 1 : 0);
  return (
    <Box
      flexDirection="column"
      width={RAIL_WIDTH}
      flexShrink={0}
      height={height}
      overflow="hidden"
      borderStyle="single"
      borderTop={false}
      borderBottom={false}
      borderLeft={false}
      borderColor={tone('rule')}
      borderDimColor
      paddingX={1}
    >
      {showTitle ? (
        <Text bold={focused} dimColor={!focused} color={focused ? tone('accent') : undefined}>
          Steps
        </Text>
      ) : null}
      {states.map((state) => {
        const here = state.id === current;
        const muted = state.status === 'pending' || state.status === 'skipped';
        const statusTone = STATUS_TONE[state.status];
        return (
          <Text key={state.id} wrap="truncate-end">
            <Text color={here ? tone('accent') : undefined} bold={here}>
              {here ? '›' : ' '}
            </Text>{' '}
            <Text color={statusTone ? tone(statusTone) : undefined} dimColor={muted}>
              {STATUS_GLYPH[state.status]}
            </Text>{' '}
            <Text bold={here} dimColor={muted && !here}>
              {state.id}
            </Text>
          </Text>
        );
      })}
      {findings ? (
        <Text wrap="truncate-end">
          <Text color={current === 'findings' ? tone('accent') : undefined} bold>
            {current === 'findings' ? '›' : ' '}
          </Text>{' '}
          <Text
            color={STATUS_TONE[findings.status] ? tone(STATUS_TONE[findings.status]!) : undefined}
          >
            {findings.count > 0 ? STATUS_GLYPH[findings.status] : '○'}
          </Text>{' '}
          <Text bold={current === 'findings'}>findings</Text>
        </Text>
      ) : null}
    </Box>
  );
};
