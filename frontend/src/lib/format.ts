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
