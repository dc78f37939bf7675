import type { ShownItem } from './chatState';
import { estimateRowHeight, rowOffsets, rowsBetween } from './rowLayout';

test('offsets add up the heights, the last one being the whole list', () => {
  expect([...rowOffsets([10, 20, 30])]).toEqual([0, 10, 30, 60]);
  expect([...rowOffsets([])]).toEqual([0]);
});

test('the rows between two positions are those that overlap them, ends included', () => {
  const offsets = rowOffsets([100, 100, 100, 100]);
  expect(rowsBetween(offsets, 0, 100)).toEqual([0, 0]);
  expect(rowsBetween(offsets, 150, 250)).toEqual([1, 2]);
  expect(rowsBetween(offsets, 399, 1000)).toEqual([3, 3]);
  // Beyond either end: the nearest row, so a list scrolled past its content still renders something.
  expect(rowsBetween(offsets, -500, -10)).toEqual([0, 0]);
  expect(rowsBetween(offsets, 5000, 6000)).toEqual([3, 3]);
  expect(rowsBetween(rowOffsets([]), 0, 100)).toEqual([0, -1]);
});

test('a cell with a plot or a table is estimated taller than one with a line of output', () => {
  const cell = (outputs: Extract<ShownItem, { kind: 'cell' }>['outputs']): ShownItem => ({
    kind: 'cell', id: 'c', code: 'x', source: 'user', status: 'ok', outputs,
  });
  const line = estimateRowHeight(cell([{ type: 'stream', name: 'stdout', text: '1\n' }]));
  const plot = estimateRowHeight(cell([{ type: 'display_data', data: { 'image/png': 'iVBOR' } }]));
  const table = estimateRowHeight(cell([{ type: 'execute_result', data: { 'text/html': '<table>' + '<tr><td>1</td></tr>'.repeat(6) + '</table>' } }]));
  expect(plot).toBeGreaterThan(line);
  expect(table).toBeGreaterThan(line);
  const message = estimateRowHeight({ kind: 'message', id: 'm', role: 'assistant', text: 'x'.repeat(900) });
  expect(message).toBeGreaterThan(estimateRowHeight({ kind: 'message', id: 'm', role: 'assistant', text: 'hi' }));
});
