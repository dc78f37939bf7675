/** Turns code into highlighted HTML; loaded on first use so highlight.js stays out of the initial bundle. */
export type Highlighter = (code: string, language: string) => string | null;

/** Rows of a long transcript mount again each time they scroll back into view: their code is not parsed again. */
const CACHE_ENTRIES = 500;

let loading: Promise<Highlighter> | null = null;
let loaded: Highlighter | null = null;

export function loadHighlighter(): Promise<Highlighter> {
  loading ??= Promise.all([
    import('highlight.js/lib/core'),
    import('highlight.js/lib/languages/python'),
    import('highlight.js/lib/languages/bash'),
    import('highlight.js/lib/languages/json'),
    import('highlight.js/lib/languages/sql'),
    import('highlight.js/lib/languages/r'),
    import('highlight.js/lib/languages/julia'),
    import('highlight.js/lib/languages/matlab'),
  ]).then(([{ default: hljs }, python, bash, json, sql, r, julia, matlab]) => {
    hljs.registerLanguage('python', python.default);
    hljs.registerLanguage('bash', bash.default);
    hljs.registerLanguage('json', json.default);
    hljs.registerLanguage('sql', sql.default);
    // The languages of the other kernels a conversation can run (the names are their kernelspecs' language).
    hljs.registerLanguage('r', r.default);
    hljs.registerLanguage('julia', julia.default);
    hljs.registerLanguage('matlab', matlab.default);
    hljs.registerAliases(['octave'], { languageName: 'matlab' });
    hljs.registerAliases(['py', 'ipython', 'python3'], { languageName: 'python' });
    hljs.registerAliases(['sh', 'shell', 'console'], { languageName: 'bash' });
    const cache = new Map<string, string | null>();
    // highlight.js escapes the code it wraps, so its HTML carries no markup from the input.
    loaded = (code, language) => {
      const key = `${language}\u0000${code}`;
      let html = cache.get(key);
      if (html === undefined) {
        html = hljs.getLanguage(language) ? hljs.highlight(code, { language }).value : null;
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
      } else {
        cache.delete(key); // moved to the newest end: the cache drops the least recently shown first
      }
      cache.set(key, html);
      return html;
    };
    return loaded;
  });
  return loading;
}

/** The highlighter once it has loaded, else null: code that mounts later is coloured in the same render. */
export function loadedHighlighter(): Highlighter | null {
  return loaded;
}
