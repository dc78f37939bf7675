import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { rowOffsets, rowsBetween } from '../lib/rowLayout';
import { useAutoScroll } from './useAutoScroll';

/** Rows rendered beyond the viewport, in px: scrolling shows them at once, find-in-page sees them. */
const OVERSCAN_ABOVE = 600;
const OVERSCAN_BELOW = 300;

/**
 * A virtualised list in a scrolling box: only the rows near the viewport are rendered, between two spacers
 * that stand for the others (at their measured height, or an estimate until they have been rendered once).
 *
 * What the person looks at stays put. After every render and every change of a rendered row's size the list
 * either follows the end (useAutoScroll: pinned while the person has not scrolled away from the bottom) or
 * puts its anchor, the first row on screen, back where it was: rows read in front, estimates that become
 * measurements and plots that decode above the viewport move nothing on screen. This runs before the browser
 * paints (a layout effect, a ResizeObserver callback), so nothing jumps even for a frame. The box has
 * overflow-anchor: none, so the browser does not correct the same change a second time.
 *
 * `onNearTop` is called while the first row is within reach of the viewport (to read earlier rows).
 */
export function useVirtualRows<T extends object>({ rows, keyOf, estimate, onNearTop }: {
  rows: readonly T[];
  keyOf: (row: T) => string;
  estimate: (row: T) => number;
  onNearTop?: () => void;
}) {
  const { attach, follow, isPinned } = useAutoScroll();
  const box = useRef<HTMLDivElement | null>(null);
  const list = useRef<HTMLDivElement | null>(null);
  const elements = useRef(new Map<string, HTMLElement>());
  const sizes = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [view, setView] = useState({ top: 0, height: 0 });
  // The first row on screen, where it was (its top from the viewport's) and where the box was scrolled then.
  const anchor = useRef<{ key: string; top: number; scrollTop: number } | null>(null);

  // Rows are immutable: an estimate holds until its row changes (output streaming into one row must not
  // estimate the thousands of others again).
  const estimates = useRef(new WeakMap<T, number>());
  // `measured` counts size changes: the sizes themselves are kept in a ref, read here.
  const offsets = useMemo(() => rowOffsets(rows.map((r) => {
    const size = sizes.current.get(keyOf(r));
    if (size !== undefined) return size;
    let guess = estimates.current.get(r);
    if (guess === undefined) estimates.current.set(r, guess = estimate(r));
    return guess;
  })), [rows, measured, keyOf, estimate]);
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [keyOf(r), i])), [rows, keyOf]);
  // No layout yet (the first render, or jsdom): the window's height is the best guess.
  const height = view.height || window.innerHeight;
  // Where the viewport is, in the list: pinned, at its end (it is about to go there); else where the anchor
  // says, which holds across rows put in front, where the last scroll position would not.
  const anchorIndex = anchor.current ? indexOf.get(anchor.current.key) : undefined;
  const top = isPinned() ? offsets[rows.length] - height
    : anchorIndex !== undefined ? offsets[anchorIndex] - anchor.current!.top : view.top;
  const [first, last] = rowsBetween(offsets, top - OVERSCAN_ABOVE, top + height + OVERSCAN_BELOW);

  const saveAnchor = useCallback(() => {
    const el = box.current;
    if (!el || !list.current) return;
    const viewTop = el.getBoundingClientRect().top;
    for (const row of list.current.querySelectorAll<HTMLElement>(':scope > [data-row]')) {
      const rect = row.getBoundingClientRect();
      if (rect.bottom > viewTop) {
        anchor.current = { key: row.dataset.row!, top: rect.top - viewTop, scrollTop: el.scrollTop };
        return;
      }
    }
  }, []);

  const keepPlace = useCallback(() => {
    const el = box.current;
    if (!el || follow() || !anchor.current) return;
    const row = elements.current.get(anchor.current.key);
    if (!row) return;
    // What moved the anchor besides scrolling. A scroll whose event has not come yet (a script's, find-in-page's,
    // focus's: their events come with the next frame, after this frame's resizes) moved it too, and is kept.
    const moved = row.getBoundingClientRect().top - el.getBoundingClientRect().top - anchor.current.top
      + (el.scrollTop - anchor.current.scrollTop);
    if (Math.abs(moved) >= 0.5) el.scrollTop += moved;
  }, [follow]);

  const observer = useMemo(() => new ResizeObserver((entries) => {
    let changed = false;
    for (const entry of entries) {
      const key = (entry.target as HTMLElement).dataset.row!;
      const size = entry.borderBoxSize?.[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
      if (sizes.current.get(key) !== size) {
        sizes.current.set(key, size);
        changed = true;
      }
    }
    if (!changed) return;
    keepPlace();
    saveAnchor();
    setMeasured((m) => m + 1);
  }), [keepPlace, saveAnchor]);
  useEffect(() => () => observer.disconnect(), [observer]);

  /** The ref of each rendered row's element, which must carry data-row={key}. */
  const measure = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    const key = el.dataset.row!;
    elements.current.set(key, el);
    observer.observe(el);
    return () => {
      observer.unobserve(el);
      if (elements.current.get(key) === el) elements.current.delete(key);
    };
  }, [observer]);

  const onScroll = useCallback(() => {
    const el = box.current;
    if (!el || !list.current) return;
    saveAnchor();
    setView({ top: el.scrollTop - list.current.offsetTop, height: el.clientHeight });
  }, [saveAnchor]);

  /** The ref of the scrolling box. */
  const attachBox = useCallback((el: HTMLDivElement | null) => {
    box.current?.removeEventListener('scroll', onScroll);
    box.current = el;
    attach(el);
    el?.addEventListener('scroll', onScroll, { passive: true });
  }, [attach, onScroll]);

  useLayoutEffect(() => {
    keepPlace();
    saveAnchor();
  });

  const nearTop = first === 0 && top - OVERSCAN_ABOVE <= 0;
  useEffect(() => {
    if (nearTop && rows.length > 0) onNearTop?.();
  }, [nearTop, onNearTop, rows]);

  return {
    attachBox,
    list,
    measure,
    first,
    last,
    /** The heights of the spacers before and after the rendered rows. */
    before: offsets[first] ?? 0,
    after: offsets[rows.length] - (offsets[last + 1] ?? offsets[rows.length]),
  };
}
