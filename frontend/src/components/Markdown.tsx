import { useEffect, useState, type ComponentProps } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { hasMath, normaliseMathDelimiters } from '../lib/mathText';
import { CodeBlock } from './CodeBlock';

type MathPlugins = typeof import('../lib/mathPlugins');
let mathPlugins: MathPlugins | null = null;

const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,/i;

/**
 * Untrusted markdown (model text, kernel outputs): no raw HTML (react-markdown drops it), links open
 * elsewhere, and remote images are never fetched — a URL in an image is how a page leaks data — so they
 * become a link the person can choose to follow.
 */
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  img: ({ src, alt }) => {
    const url = typeof src === 'string' ? src : '';
    if (SAFE_DATA_IMAGE.test(url)) return <img src={url} alt={alt ?? ''} />;
    return (
      <a className="blocked-image" data-testid="blocked-image" href={url || undefined} target="_blank" rel="noopener noreferrer nofollow">
        [image not loaded: {alt || url || 'no address'}]
      </a>
    );
  },
  pre: ({ children }) => <>{children}</>,
  code: ({ className, children }: ComponentProps<'code'>) => {
    const text = String(children ?? '');
    const language = /language-([\w+-]+)/.exec(className ?? '')?.[1];
    if (language || text.includes('\n')) return <CodeBlock code={text.replace(/\n$/, '')} language={language ?? 'plaintext'} />;
    return <code className={className}>{children}</code>;
  },
};

export function Markdown({ text }: { text: string }) {
  const wantsMath = hasMath(text);
  const [plugins, setPlugins] = useState<MathPlugins | null>(mathPlugins);
  useEffect(() => {
    if (!wantsMath || plugins) return;
    let live = true;
    import('../lib/mathPlugins').then((loaded) => {
      mathPlugins = loaded;
      if (live) setPlugins(loaded);
    });
    return () => {
      live = false;
    };
  }, [wantsMath, plugins]);

  const withMath = wantsMath && plugins;
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={withMath ? [remarkGfm, plugins.remarkMath] : [remarkGfm]}
        rehypePlugins={withMath ? [[plugins.rehypeKatex, { throwOnError: false, trust: false }]] : []}
        components={components}
      >
        {withMath ? normaliseMathDelimiters(text) : text}
      </ReactMarkdown>
    </div>
  );
}
