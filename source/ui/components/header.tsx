// One line that says which tool, which target, which version; a rule below it.
import { Box, Text } from 'ink';
import { useTone } from '../theme.js';

interface Props {
  target?: string;
  version: string;
  /** Said after the target: "saved session · report.json" for `mailmedic open`. */
  mark?: string;
}

export const Header = ({ target, version, mark }: Props) => {
  const tone = useTone();
  return (
    <Box
      borderStyle="single"
      borderTop={false}
      borderLeft={false}
      borderRight={false}
      borderColor={tone('rule')}
      borderDimColor
      paddingX={1}
    >
      <Box flexGrow={1} flexShrink={1} gap={2}>
        <Text bold color={tone('accent')}>
          mailmedic
        </Text>
        <Box flexShrink={1}>
          <Text wrap="truncate-middle">{target ?? ''}</Text>
        </Box>
        {mark ? (
          <Box flexShrink={2}>
            <Text color={tone('warning')} wrap="truncate-middle">
              [{mark}]
            </Text>
          </Box>
        ) : null}
      </Box>
      <Box flexShrink={0} paddingLeft={1}>
        <Text dimColor>v{version}</Text>
      </Box>
    </Box>
  );
};
