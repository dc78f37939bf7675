/** A run of text with the SGR style that applies to it. */
export interface AnsiSpan {
  text: string;
  fg?: string;
  bg?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

// The 8 basic colours and their bright variants, named so CSS picks a shade per theme.
const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

// Matches CSI sequences; only SGR ("m") changes style, the rest (cursor moves, erase) are dropped.
const CSI = /\u001b\[([0-9;?]*)([A-Za-z])/g;

/**
 * Splits terminal text (tracebacks, coloured stdout) into styled spans. Produces data, never HTML,
 * so untrusted output cannot inject markup.
 */
export function parseAnsi(input: string): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  let style: Omit<AnsiSpan, 'text'> = {};
  let at = 0;
  const push = (text: string) => {
    // Drop any stray escape characters that were not part of a CSI sequence.
    const clean = text.replace(/\u001b[^[]?/g, '');
    if (clean) spans.push({ text: clean, ...style });
  };
  for (const match of input.matchAll(CSI)) {
    push(input.slice(at, match.index));
    at = match.index! + match[0].length;
    if (match[2] === 'm') style = applySgr(style, match[1]);
  }
  push(input.slice(at));
  return spans;
}

function applySgr(current: Omit<AnsiSpan, 'text'>, params: string): Omit<AnsiSpan, 'text'> {
  const style = { ...current };
  const codes = params === '' ? [0] : params.split(';').map((p) => Number(p) || 0);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) Object.keys(style).forEach((k) => delete style[k as keyof typeof style]);
    else if (c === 1) style.bold = true;
    else if (c === 3) style.italic = true;
    else if (c === 4) style.underline = true;
    else if (c === 22) delete style.bold;
    else if (c === 23) delete style.italic;
    else if (c === 24) delete style.underline;
    else if (c >= 30 && c <= 37) style.fg = NAMES[c - 30];
    else if (c >= 90 && c <= 97) style.fg = `bright-${NAMES[c - 90]}`;
    else if (c === 39) delete style.fg;
    else if (c >= 40 && c <= 47) style.bg = NAMES[c - 40];
    else if (c >= 100 && c <= 107) style.bg = `bright-${NAMES[c - 100]}`;
    else if (c === 49) delete style.bg;
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) {
      // 256-colour: keep the basic 16, approximate the rest by skipping them.
      const n = codes[i + 2];
      const name = n < 8 ? NAMES[n] : n < 16 ? `bright-${NAMES[n - 8]}` : undefined;
      if (name) style[c === 38 ? 'fg' : 'bg'] = name;
      i += 2;
    } else if ((c === 38 || c === 48) && codes[i + 1] === 2) {
      i += 4; // 24-bit colour: ignored, the theme's colours stay readable
    }
  }
  return style;
}

/** Applies carriage returns like a terminal: text after a lone \r overwrites its line (progress bars). */
export function applyCarriageReturns(text: string): string {
  if (!text.includes('\r')) return text;
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      const parts = line.split('\r');
      let shown = '';
      for (const part of parts) shown = part + shown.slice(part.length);
      return shown;
    })
    .join('\n');
}
