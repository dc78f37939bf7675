import { useEffect, useMemo, useState } from 'react';
import { loadedHighlighter, loadHighlighter, type Highlighter } from '../lib/highlight';

/**
 * Code with syntax colours once the highlighter has loaded; plain text until then. It is coloured only when
 * its row is rendered, so a long transcript highlights what is on screen, not everything it holds.
 */
export function CodeBlock({ code, language = 'python' }: { code: string; language?: string }) {
  const [highlight, setHighlight] = useState<Highlighter | null>(loadedHighlighter);
  useEffect(() => {
    if (highlight) return;
    let live = true;
    loadHighlighter().then((loaded) => live && setHighlight(() => loaded));
    return () => {
      live = false;
    };
  }, [highlight]);
  const html = useMemo(() => (highlight ? highlight(code, language) : null), [highlight, code, language]);
  return (
    <pre className="code-block" data-testid="code">
      {html === null ? (
        <code>{code}</code>
      ) : (
        // Safe: highlight.js HTML-escapes the code and only adds its own <span class="hljs-…">.
        <code className={`hljs language-${language}`} dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </pre>
  );
}
