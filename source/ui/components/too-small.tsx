// Below the minimum size the layout would overlap; say so plainly instead, until the window grows.
import { Box, Text } from 'ink';
import { MIN_COLUMNS, MIN_ROWS } from '../layout.js';

export const TooSmall = ({ columns, rows }: { columns: number; rows: number }) => (
  <Box flexDirection="column" paddingX={1}>
    <Text bold>mailmedic needs a larger terminal</Text>
    <Text wrap="wrap">
      At least {MIN_COLUMNS}×{MIN_ROWS}; this one is {columns}×{rows}. Enlarge the window, or press
      q to quit.
    </Text>
  </Box>
);
