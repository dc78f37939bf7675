/** What to show of a long text: all of it, or its first and last lines with a count of those hidden. */
export type Clipped =
  | { clipped: false; text: string }
  | { clipped: true; head: string; tail: string; hiddenLines: number };

export const HEAD_LINES = 40;
export const TAIL_LINES = 40;
const MAX_CHARS = 40_000;

export function clipLongText(text: string, head = HEAD_LINES, tail = TAIL_LINES): Clipped {
  const lines = text.split('\n');
  if (lines.length <= head + tail + 5 && text.length <= MAX_CHARS) return { clipped: false, text };
  if (lines.length <= head + tail + 5) {
    // Few but enormous lines: clip by characters instead.
    const half = MAX_CHARS / 2;
    const hidden = text.slice(half, text.length - half).split('\n').length - 1;
    return { clipped: true, head: text.slice(0, half), tail: text.slice(text.length - half), hiddenLines: hidden };
  }
  return {
    clipped: true,
    head: lines.slice(0, head).join('\n'),
    tail: lines.slice(lines.length - tail).join('\n'),
    hiddenLines: lines.length - head - tail,
  };
}
