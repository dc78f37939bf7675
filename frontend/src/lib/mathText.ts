/** Whether a text looks like it holds LaTeX math worth loading KaTeX for. */
export function hasMath(text: string): boolean {
  return /\$[^$\s]|\\\(|\\\[|\\begin\{/.test(text);
}

/**
 * remark-math understands $…$ and $$…$$ only; models and IPython also write \(…\) and \[…\].
 * Rewrites those outside fenced code so they render too.
 */
export function normaliseMathDelimiters(text: string): string {
  return text
    .split(/(```[\s\S]*?```)/g)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\\\[([\s\S]+?)\\\]/g, (_, m: string) => `\n$$\n${m.trim()}\n$$\n`)
            .replace(/\\\(([\s\S]+?)\\\)/g, (_, m: string) => `$${m.trim()}$`),
    )
    .join('');
}
