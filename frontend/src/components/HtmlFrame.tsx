import { useMemo } from 'react';

// Base look for pandas tables; the frame cannot see the page's stylesheet.
const FRAME_STYLE = `<meta name="color-scheme" content="light dark"><style>
body{margin:0;padding:4px;font:13px system-ui,sans-serif}
table{border-collapse:collapse;border:none}th,td{padding:3px 8px;border:none;border-bottom:1px solid #8884;text-align:right}
thead th{border-bottom:1px solid #888}tbody tr:nth-child(odd){background:#8881}</style>`;

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
 * Kernel HTML (pandas tables and anything else) in a frame with sandbox="" and srcdoc: no scripts, no
 * same origin, no forms or popups, so the output can neither run code nor reach the page or its cookie.
 */
export function HtmlFrame({ html }: { html: string }) {
  const height = useMemo(() => estimateHeight(html), [html]);
  return (
    <iframe
      className="html-output"
      data-testid="html-output"
      title="HTML output"
      sandbox=""
      srcDoc={FRAME_STYLE + html}
      style={{ height }}
    />
  );
}
