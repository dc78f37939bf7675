import { useMemo } from 'react';
import { useNearViewport } from '../hooks/useNearViewport';
import { OUTPUT_HTML_CSS } from '../lib/outputStyle';

const FRAME_STYLE = `<meta name="color-scheme" content="light dark"><style>
body{margin:0;padding:4px;font:13px system-ui,sans-serif}${OUTPUT_HTML_CSS}</style>`;

/** A rough height for the frame, since a sandboxed frame without scripts cannot report its own. */
export function estimateHeight(html: string): number {
  const rows = (html.match(/<tr[\s>]/gi) ?? []).length;
  // Not div: pandas wraps every table in one, and counting it left a strip of empty frame under each table.
  const blocks = (html.match(/<(br|p|li|h\d)[\s>/]/gi) ?? []).length;
  const textLines = Math.ceil(html.replace(/<[^>]*>/g, '').length / 120);
  const estimate = 12 + rows * 23 + blocks * 10 + (rows + blocks === 0 ? textLines * 20 : 0);
  return Math.max(48, Math.min(480, estimate));
}

/**
 * Kernel HTML that uses script, in a frame with sandbox="" and srcdoc: no scripts, no same origin, no forms or
 * popups, so the output can neither run code nor reach the page or its cookie. Each frame costs a process in
 * Chromium, so it is made only when its place comes near the viewport.
 */
export function HtmlFrame({ html }: { html: string }) {
  const height = useMemo(() => estimateHeight(html), [html]);
  const [place, near] = useNearViewport<HTMLDivElement>();
  return (
    <div ref={place}>
      {near ? (
        <iframe className="html-output" data-testid="html-output" title="HTML output" sandbox="" srcDoc={FRAME_STYLE + html} style={{ height }} />
      ) : (
        <div className="html-frame-placeholder" data-testid="html-frame-placeholder" style={{ height }} />
      )}
    </div>
  );
}
