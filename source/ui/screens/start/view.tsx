// The start screen: type a target, or pick the practice lab. Two rows; the focused one is marked
// "›", and every refusal says exactly what is wrong with the input.
import { Box, Text } from 'ink';
import { TextField } from '../../components/text-field.js';
import { useTone } from '../../theme.js';
import type { StartState } from './reducer.js';

interface Props {
  state: StartState;
  /** Why the controller could not start the last request; the screen's own refusal comes first. */
  problem?: string;
  scenarios: readonly string[];
  width: number;
}

const TARGET_HINT = 'domain, address, host or host:port';
const LABEL_WIDTH = 8;

export const StartView = ({ state, problem, scenarios, width }: Props) => {
  const tone = useTone();
  const onTarget = state.focus === 'target';
  const onLab = state.focus === 'lab';
  const scenario = scenarios[state.scenario];
  const error = state.error ?? problem;
  const marker = (focused: boolean) => (
    <Text color={focused ? tone('accent') : undefined} bold>
      {focused ? '› ' : '  '}
    </Text>
  );
  return (
    <Box flexDirection="column">
      <Text bold>What should mailmedic diagnose?</Text>
      <Text> </Text>
      <Box>
        {marker(onTarget)}
        <Box width={LABEL_WIDTH} flexShrink={0}>
          <Text bold={onTarget}>Target</Text>
        </Box>
        <Box flexShrink={1}>
          {state.editing || state.target ? (
            <TextField
              value={state.target}
              cursor={state.cursor}
              width={Math.max(1, width - 2 - LABEL_WIDTH)}
              focused={state.editing}
            />
          ) : (
            <Text dimColor>{onTarget ? 'press enter to type' : '—'}</Text>
          )}
        </Box>
      </Box>
      <Box paddingLeft={2 + LABEL_WIDTH}>
        <Text dimColor wrap="truncate-end">
          {TARGET_HINT}
        </Text>
      </Box>
      {error ? (
        <Box paddingLeft={2 + LABEL_WIDTH}>
          <Text color={tone('error')} wrap="wrap">
            ✗ {error}
          </Text>
        </Box>
      ) : null}
      <Text> </Text>
      <Box>
        {marker(onLab)}
        <Text bold={onLab}>Practice lab (no mail server needed)</Text>
      </Box>
      <Box paddingLeft={2 + LABEL_WIDTH}>
        {scenario === undefined ? (
          <Text dimColor>not available here</Text>
        ) : (
          <Text wrap="truncate-end">
            <Text dimColor>scenario </Text>
            <Text dimColor={!onLab}>{onLab ? `‹ ${scenario} ›` : scenario}</Text>
            <Text dimColor>
              {'  '}
              {state.scenario + 1}/{scenarios.length}
            </Text>
          </Text>
        )}
      </Box>
    </Box>
  );
};
