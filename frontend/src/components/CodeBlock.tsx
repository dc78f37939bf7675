import { useEffect, useState } from 'react';
import { loadHighlighter } from '../lib/highlight';

/** Code with syntax colours once the highlighter has loaded; plain text until then. */
export function CodeBlock({ code, language = 'python' }: { code: string; language?: string }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setHtml(null);
    loadHighlighter().then((highlight) => live && setHtml(highlight(code, language)));
    return () => {
      live = false;
    };
  }, [code, language]);
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
