import { useEffect, useLayoutEffect, useRef } from 'react';

/** Keeps a scrolling box pinned to its bottom while new content arrives, unless the person scrolled up. */
export function useAutoScroll<T extends HTMLElement>(content: unknown) {
  const ref = useRef<T>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    };
    // Images and frames grow the content when they load, long after it changed: follow them too.
    // (load does not bubble, so listen in the capture phase.)
    const onLoad = () => {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    };
    el.addEventListener('scroll', onScroll);
    el.addEventListener('load', onLoad, true);
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('load', onLoad, true);
    };
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [content]);
  return ref;
}
