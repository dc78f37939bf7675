import type { TokenUsage } from './types';

/** "1.2 MB"-style sizes for file chips. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A running cell's time so far, in whole seconds: "7 s", "2 min 5 s", "1 h 3 min". */
export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** The server's reasons are clauses ("turned off (--sandbox off): …"); this makes one a sentence of its own. */
export function sentence(clause: string): string {
  const text = clause.trim();
  if (!text) return '';
  const capital = text[0].toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** A kernelspec's language as prose: "python" → "Python", "R" → "R", "octave" → "Octave"; "code" when unknown. */
export function languageName(language: string | undefined): string {
  return language ? language.charAt(0).toUpperCase() + language.slice(1) : 'code';
}

/** Dollars to the cent, or to two significant digits under a cent: "$1.24", "$0.0034"; "<$0.0001" below that. */
export function formatDollars(usd: number): string {
  if (usd >= 0.01 || usd === 0) return `$${usd.toFixed(2)}`;
  return usd < 0.0001 ? '<$0.0001' : `$${usd.toPrecision(2)}`;
}

/** "1,200 in (800 cached), 30 out", and "· $0.01" where the tokens have a price. */
export function formatTokens(t: TokenUsage): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const cached = t.cachedInputTokens > 0 ? ` (${count(t.cachedInputTokens)} cached)` : '';
  const cost = t.costUsd === undefined ? '' : ` · ${formatDollars(t.costUsd)}`;
  return `${count(t.inputTokens)} in${cached}, ${count(t.outputTokens)} out${cost}`;
}
