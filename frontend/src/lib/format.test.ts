import { formatDollars, formatDuration, formatElapsed, formatSize, sentence } from './format';

test('sizes read like a file manager', () => {
  expect(formatSize(0)).toBe('0 B');
  expect(formatSize(1023)).toBe('1023 B');
  expect(formatSize(1536)).toBe('1.5 KB');
  expect(formatSize(20 * 1024 * 1024)).toBe('20 MB');
  expect(formatSize(-1)).toBe('?');
});

test('durations switch from ms to seconds', () => {
  expect(formatDuration(12)).toBe('12 ms');
  expect(formatDuration(2500)).toBe('2.5 s');
  expect(formatDuration(null)).toBe('');
});

test('a running cell\'s time reads in whole seconds, minutes and hours', () => {
  expect(formatElapsed(999)).toBe('0 s');
  expect(formatElapsed(59_999)).toBe('59 s');
  expect(formatElapsed(125_000)).toBe('2 min 5 s');
  expect(formatElapsed(3_780_000)).toBe('1 h 3 min');
});

test("a server's clause becomes a sentence", () => {
  expect(sentence('turned off (--sandbox off)')).toBe('Turned off (--sandbox off).');
  expect(sentence('Already one.')).toBe('Already one.');
  expect(sentence('  ')).toBe('');
});

test('dollars show to the cent, and small amounts to two significant digits', () => {
  expect(formatDollars(1.234)).toBe('$1.23');
  expect(formatDollars(0.01)).toBe('$0.01');
  expect(formatDollars(0.000123)).toBe('$0.00012');
  expect(formatDollars(0.0000002)).toBe('<$0.0001');
  expect(formatDollars(0)).toBe('$0.00');
});
