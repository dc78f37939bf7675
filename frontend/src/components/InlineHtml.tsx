import { useLayoutEffect, useRef } from 'react';
import { OUTPUT_HTML_CSS } from '../lib/outputStyle';

const SHADOW_STYLE = `:host{display:block}${OUTPUT_HTML_CSS}`;

/**
 * Sanitised kernel HTML in a shadow root: its style sheets apply inside it only, its ids cannot clobber the
 * page's names, and the box around it (contain: paint) clips and contains anything positioned, so it cannot
 * draw over the page. Browser find-in-page and selection reach into it.
 */
export function InlineHtml({ fragment }: { fragment: DocumentFragment }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = host.current!;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = SHADOW_STYLE;
    // A copy: the sanitised fragment is kept as it is for the next mount.
    root.replaceChildren(style, fragment.cloneNode(true));
  }, [fragment]);
  return (
    <div className="html-inline" data-testid="html-inline">
      <div ref={host} />
    </div>
  );
}
