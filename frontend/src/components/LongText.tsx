import { useMemo, useState, type ReactNode } from 'react';
import { clipLongText } from '../lib/longText';

/** A <pre> that shows only the head and tail of a long text until the person asks for all of it. */
export function LongText({ text, className, render }: { text: string; className?: string; render: (t: string) => ReactNode }) {
  const [all, setAll] = useState(false);
  const clip = useMemo(() => clipLongText(text), [text]);
  if (all || !clip.clipped) return <pre className={className}>{render(text)}</pre>;
  return (
    <pre className={className}>
      {render(clip.head)}
      {'\n'}
      <button type="button" className="show-all" data-testid="show-all" onClick={() => setAll(true)}>
        … {clip.hiddenLines} more lines — show all
      </button>
      {'\n'}
      {render(clip.tail)}
    </pre>
  );
}
