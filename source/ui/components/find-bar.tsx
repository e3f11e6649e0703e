// One row under the transcript while a search is being typed or is active: the query, and which
// match of how many is selected.
import { Text } from 'ink';
import { TextField } from './text-field.js';

interface Props {
  query: string;
  cursor: number;
  typing: boolean;
  /** 1-based position of the selected match, or 0 when none is selected. */
  at: number;
  count: number;
  width: number;
}

export const FindBar = ({ query, cursor, typing, at, count, width }: Props) => {
  const status = query.trim() === '' ? '' : count === 0 ? '  no match' : `  ${at}/${count}`;
  return (
    <Text wrap="truncate-end">
      <Text bold>/</Text>
      {typing ? (
        <TextField
          value={query}
          cursor={cursor}
          width={Math.max(1, width - 1 - status.length)}
          focused
        />
      ) : (
        <Text>{query}</Text>
      )}
      <Text dimColor>{status}</Text>
    </Text>
  );
};
