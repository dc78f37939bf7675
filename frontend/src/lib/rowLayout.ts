import type { ShownItem } from './chatState';

/** Where each row of a list starts: offsets[i] is row i's top, offsets[n] the list's height. */
export function rowOffsets(heights: ArrayLike<number>): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i] + heights[i];
  return offsets;
}

/** The rows that overlap [top, bottom), as [first, last] (inclusive); [0, -1] when none do. */
export function rowsBetween(offsets: Float64Array, top: number, bottom: number): [number, number] {
  const n = offsets.length - 1;
  if (n === 0) return [0, -1];
  // The last row starting at or above `top`, then the last row starting before `bottom`.
  const first = Math.min(n - 1, Math.max(0, lastAtOrBelow(offsets, top, n)));
  const last = Math.max(first, Math.min(n - 1, lastAtOrBelow(offsets, bottom - 1e-6, n)));
  return [first, last];
}

function lastAtOrBelow(offsets: Float64Array, value: number, n: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const LINE = 19.5; // 13 px monospace at 1.5
const CELL_FRAME = 33 + 16 + 12 + 24; // header, code padding, outputs padding, the row's margins

/**
 * A row's height before it has been measured: close enough that the scrollbar does not mislead and few rows
 * are rendered for nothing. (What the person sees never depends on it: rows are measured once rendered, and
 * the list keeps what is on screen in place while estimates become measurements.)
 */
export function estimateRowHeight(item: ShownItem): number {
  if (item.kind === 'message') return 24 + 22 * Math.max(1, Math.ceil(item.text.length / 90));
  let height = CELL_FRAME + LINE * item.code.split('\n').length;
  for (const output of item.outputs) {
    if (output.type === 'stream') height += LINE * Math.min(85, output.text.split('\n').length);
    else if (output.type === 'error') height += LINE * Math.min(85, output.traceback.length + 1);
    else if (output.type === 'display_data' || output.type === 'execute_result') {
      const data = output.data ?? {};
      if (data['image/png'] || data['image/jpeg'] || data['image/svg+xml'] || data['image/gif']) height += 260;
      else if (data['text/html']) height += Math.min(480, 26 * (String(data['text/html']).match(/<tr[\s>]/gi)?.length ?? 2));
      else height += 3 * LINE;
    }
  }
  return height;
}
