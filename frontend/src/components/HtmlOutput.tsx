import { useMemo } from 'react';
import { htmlOutput } from '../lib/outputHtml';
import { HtmlFrame } from './HtmlFrame';
import { InlineHtml } from './InlineHtml';

/** A text/html output: inline once sanitised, in a frame when it uses script. */
export function HtmlOutput({ html }: { html: string }) {
  const shown = useMemo(() => htmlOutput(html), [html]);
  return shown.kind === 'inline' ? <InlineHtml fragment={shown.fragment} /> : <HtmlFrame html={html} />;
}
