import { useMemo } from 'react';
import { parseAnsi } from '../lib/ansi';

/** Terminal text with its ANSI colours as styled spans (never as HTML). */
export function AnsiText({ text }: { text: string }) {
  const spans = useMemo(() => parseAnsi(text), [text]);
  return (
    <>
      {spans.map((s, i) => {
        const classes = [
          s.fg && `ansi-fg-${s.fg}`,
          s.bg && `ansi-bg-${s.bg}`,
          s.bold && 'ansi-bold',
          s.italic && 'ansi-italic',
          s.underline && 'ansi-underline',
        ].filter(Boolean);
        return classes.length ? <span key={i} className={classes.join(' ')}>{s.text}</span> : s.text;
      })}
    </>
  );
}
