import { applyCarriageReturns, parseAnsi } from './ansi';

test('colour codes become styled spans and reset ends them', () => {
  expect(parseAnsi('\u001b[0;31mValueError\u001b[0m: bad')).toEqual([
    { text: 'ValueError', fg: 'red' },
    { text: ': bad' },
  ]);
});

test('bold, bright and background colours combine', () => {
  expect(parseAnsi('\u001b[1;92;44mok')).toEqual([{ text: 'ok', bold: true, fg: 'bright-green', bg: 'blue' }]);
});

test('256-colour codes keep the basic sixteen and 24-bit colours are dropped', () => {
  expect(parseAnsi('\u001b[38;5;9mA\u001b[38;2;1;2;3mB')).toEqual([
    { text: 'A', fg: 'bright-red' },
    { text: 'B', fg: 'bright-red' },
  ]);
});

test('cursor sequences and stray escapes are removed and markup stays plain text', () => {
  const spans = parseAnsi('\u001b[2K<b>x</b>\u001b');
  expect(spans).toEqual([{ text: '<b>x</b>' }]);
});

test('carriage returns overwrite the line like a terminal, but CRLF is a newline', () => {
  expect(applyCarriageReturns('10%\r50%\r100%\ndone')).toBe('100%\ndone');
  expect(applyCarriageReturns('abcdef\rXY')).toBe('XYcdef');
  expect(applyCarriageReturns('a\r\nb')).toBe('a\nb');
});
