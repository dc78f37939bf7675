import { useState, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A plain code box: Shift+Enter or Ctrl/Cmd+Enter runs, Esc cancels (when cancelling makes sense).
 * Children are further actions, shown before Run. onChange hears every edit (to keep a draft elsewhere).
 */
export function CodeEditor({
  initial = '', busy, label, onRun, onCancel, onChange, children,
}: {
  initial?: string; busy: boolean; label: string; onRun: (code: string) => void; onCancel?: () => void;
  onChange?: (code: string) => void; children?: ReactNode;
}) {
  const [code, setCodeState] = useState(initial);
  const setCode = (next: string) => {
    setCodeState(next);
    onChange?.(next);
  };
  const run = () => {
    if (!code.trim() || busy) return;
    onRun(code);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    } else if (e.key === 'Escape' && onCancel) {
      e.stopPropagation();
      onCancel();
    } else if (e.key === 'Tab' && !e.shiftKey) {
      // Indent instead of leaving the box; Shift+Tab still moves focus backwards.
      e.preventDefault();
      const el = e.currentTarget;
      const { selectionStart: s, selectionEnd: end } = el;
      setCode(code.slice(0, s) + '    ' + code.slice(end));
      requestAnimationFrame(() => el.setSelectionRange(s + 4, s + 4));
    }
  };
  return (
    <div className="code-editor">
      <textarea
        aria-label={label}
        data-testid="code-input"
        value={code}
        spellCheck={false}
        rows={Math.min(20, Math.max(3, code.split('\n').length + 1))}
        placeholder={`${label} — Shift+Enter to run`}
        onChange={(e) => setCode(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="code-editor-actions">
        {children}
        <button type="button" className="primary" onClick={run} disabled={busy || !code.trim()} data-testid="run-code">
          Run
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
