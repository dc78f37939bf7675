import { renderHook } from '@testing-library/react';
import { useVirtualRows } from './useVirtualRows';

type Row = { id: string; lines: number };
const keyOf = (row: Row) => row.id;

test('output streaming into the last row estimates that row again and none of the others', () => {
  const estimated: string[] = [];
  const estimate = (row: Row) => {
    estimated.push(row.id);
    return 20 * row.lines;
  };
  const rows = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, lines: 1 }));
  const { rerender } = renderHook(({ rows }) => useVirtualRows({ rows, keyOf, estimate }),
    { initialProps: { rows } });
  expect(estimated).toHaveLength(3000);

  estimated.length = 0;
  const streamed = [...rows.slice(0, -1), { id: 'c2999', lines: 40 }];
  rerender({ rows: streamed });
  expect(estimated).toEqual(['c2999']);
});
