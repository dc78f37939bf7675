import { useEffect, useRef, useState } from 'react';

/**
 * Whether the element has come within `margin` of the viewport; it stays true from then on. For work that
 * should wait until a person can see its result, such as creating a frame.
 */
export function useNearViewport<T extends Element>(margin = '300px') {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: margin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [margin, near]);
  return [ref, near] as const;
}
