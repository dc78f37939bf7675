import { estimateHeight } from './HtmlFrame';

const table = (rows: number) => `<table>${'<tr><td>x</td></tr>'.repeat(rows)}</table>`;

test('a taller table gets a taller frame, within bounds a page can hold', () => {
  expect(estimateHeight(table(10))).toBeGreaterThan(estimateHeight(table(2)));
  expect(estimateHeight(table(2))).toBeGreaterThanOrEqual(48);
  expect(estimateHeight(table(5000))).toBe(480);
  expect(estimateHeight('')).toBe(48);
});

test('plain HTML text without blocks is sized by its length', () => {
  expect(estimateHeight('<b>' + 'word '.repeat(400) + '</b>')).toBeGreaterThan(estimateHeight('<b>word</b>'));
});
