import { clipLongText } from './longText';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n');

test('short text is shown whole', () => {
  expect(clipLongText(lines(50))).toEqual({ clipped: false, text: lines(50) });
});

test('long text keeps its head and tail and counts the lines in between', () => {
  const clip = clipLongText(lines(1000), 3, 2);
  expect(clip).toEqual({ clipped: true, head: 'line 1\nline 2\nline 3', tail: 'line 999\nline 1000', hiddenLines: 995 });
});

test('a few enormous lines are clipped by characters', () => {
  const clip = clipLongText('x'.repeat(100_000));
  expect(clip.clipped).toBe(true);
  if (clip.clipped) expect(clip.head.length + clip.tail.length).toBeLessThan(100_000);
});
