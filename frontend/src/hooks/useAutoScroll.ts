import { useCallback, useRef } from 'react';

/** How close to the bottom still counts as reading the newest output. */
const PINNED_WITHIN = 80;
/** How long after a wheel turn, a touch, a key or a press a scroll counts as the person's own. */
const INPUT_MS = 1000;
const INPUT_EVENTS = ['wheel', 'touchmove', 'keydown', 'mousedown'] as const;

/**
 * Keeps a scrolling box pinned to its bottom while its content grows (new items, output streaming into the
 * last cell, a plot decoding), until the person scrolls away from the bottom; back at it, it follows again.
 * Only the person's own scrolling unpins: scroll events also come from following itself, and from a list
 * correcting its estimates, while content grows faster than they are delivered. `attach` takes the box;
 * call `follow` whenever the content's height may have changed: it says whether it moved to the bottom.
 */
export function useAutoScroll() {
  const box = useRef<HTMLElement | null>(null);
  const pinned = useRef(true);
  const lastInput = useRef(-Infinity);
  const onInput = useCallback(() => {
    lastInput.current = performance.now();
  }, []);
  const onScroll = useCallback(() => {
    const el = box.current;
    if (!el) return;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < PINNED_WITHIN) pinned.current = true;
    else if (performance.now() - lastInput.current < INPUT_MS) pinned.current = false;
  }, []);
  const attach = useCallback((el: HTMLElement | Window | null) => {
    const old = box.current;
    old?.removeEventListener('scroll', onScroll);
    for (const type of INPUT_EVENTS) old?.removeEventListener(type, onInput);
    box.current = el instanceof HTMLElement ? el : null;
    box.current?.addEventListener('scroll', onScroll, { passive: true });
    for (const type of INPUT_EVENTS) box.current?.addEventListener(type, onInput, { passive: true });
  }, [onInput, onScroll]);
  const follow = useCallback(() => {
    const el = box.current;
    if (!el || !pinned.current) return false;
    el.scrollTop = el.scrollHeight;
    return true;
  }, []);
  const isPinned = useCallback(() => pinned.current, []);
  return { attach, follow, isPinned };
}
