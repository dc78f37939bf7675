import { memo } from 'react';
import { useRemembered } from '../hooks/useRemembered';
import type { ShownCell } from '../lib/chatState';
import { useElapsed } from '../hooks/useElapsed';
import { formatDuration, formatElapsed } from '../lib/format';
import type { CellStatus } from '../lib/types';
import { CodeBlock } from './CodeBlock';
import { CodeEditor } from './CodeEditor';
import { CopyButton } from './CopyButton';
import { InputField } from './InputField';
import { OutputView } from './OutputView';
import { ProposalView } from './ProposalView';

const STATUS_TEXT: Record<CellStatus, string> = {
  running: 'Running…',
  ok: 'Done',
  error: 'Error',
  aborted: 'Aborted',
  interrupted: 'Interrupted',
  timeout: 'Timed out',
  proposed: 'Waiting for your approval',
  rejected: 'Not run',
  expired: 'Expired (the server restarted)',
};

/**
 * A code cell: its code (collapsible, copyable, editable and runnable again) and its outputs; `language` is its
 * kernel's. Memoised: while output streams into one cell of a long conversation, the others, the same objects,
 * do not render again. Whether it is open, and the edit in progress, outlive the cell being scrolled out of the list.
 */
export const CellView = memo(function CellView({ cell, language, onRun, onAnswer, onApprove, onReject, busy }: {
  cell: ShownCell; language?: string; onRun: (code: string) => void; onAnswer?: (value: string) => void;
  onApprove?: (edited?: string) => void; onReject?: (reason: string) => void; busy: boolean;
}) {
  // Before any return: a proposed cell turns into a running one in the same component, and hooks must not change.
  const [open, setOpen] = useRemembered(`${cell.id}:open`, true);
  const [draft, setDraft] = useRemembered<string | null>(`${cell.id}:draft`, null);
  const editing = draft !== null;
  const elapsed = useElapsed(cell.status === 'running', typeof cell.createdAt === 'number' ? cell.createdAt : undefined);
  if (cell.status === 'proposed' && onApprove && onReject) {
    return (
      <section className="cell status-proposed" data-testid="cell" data-status={cell.status} data-source={cell.source} aria-label="Proposed code cell">
        <header className="cell-header">
          <span>The model wants to run</span>
          <span className="cell-status status-proposed" data-testid="cell-status" role="status">{STATUS_TEXT.proposed}</span>
        </header>
        <ProposalView code={cell.code} onApprove={onApprove} onReject={onReject} />
      </section>
    );
  }
  const lines = cell.code.split('\n').length;
  return (
    <section className={`cell status-${cell.status}`} data-testid="cell" data-status={cell.status} data-source={cell.source} aria-label="Code cell">
      <header className="cell-header">
        <button type="button" className="cell-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="cell-toggle">
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {cell.source === 'agent' ? 'Model ran' : 'You ran'}
          {cell.executionCount ? ` [${cell.executionCount}]` : ''}
          {!open && ` · ${lines} line${lines === 1 ? '' : 's'}`}
        </button>
        <span className={`cell-status status-${cell.status}`} data-testid="cell-status" role="status">
          {STATUS_TEXT[cell.status] ?? cell.status}
        </span>
        <span className="cell-duration" data-testid="cell-duration">
          {elapsed !== null ? formatElapsed(elapsed) : formatDuration(cell.durationMs)}
        </span>
        <span className="spacer" />
        <CopyButton text={cell.code} />
        <button type="button" className="small-button" onClick={() => { setOpen(true); setDraft(editing ? null : cell.code); }} data-testid="edit-cell" aria-pressed={editing}>
          {editing ? 'Cancel edit' : 'Edit'}
        </button>
      </header>
      {open &&
        (draft !== null ? (
          <CodeEditor
            initial={draft}
            busy={busy}
            label="Edit code"
            onChange={setDraft}
            onRun={(code) => {
              setDraft(null);
              onRun(code);
            }}
            onCancel={() => setDraft(null)}
          />
        ) : (
          <CodeBlock code={cell.code} language={language || undefined} />
        ))}
      {cell.outputs.length > 0 && (
        <div className="outputs" data-testid="outputs">
          {cell.outputs.map((o, i) => (
            <OutputView key={i} output={o} />
          ))}
        </div>
      )}
      {cell.input && onAnswer && <InputField input={cell.input} onAnswer={onAnswer} />}
    </section>
  );
});
