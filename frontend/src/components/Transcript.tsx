import { memo, useMemo, type ReactNode } from 'react';
import { RememberedState } from '../hooks/useRemembered';
import { useVirtualRows } from '../hooks/useVirtualRows';
import type { ShownItem } from '../lib/chatState';
import { estimateRowHeight } from '../lib/rowLayout';
import { CellView } from './CellView';
import { MessageView } from './MessageView';

const keyOf = (item: ShownItem) => item.id;

/**
 * A conversation's items, virtualised (useVirtualRows): only those near the viewport are in the DOM, so the
 * browser's find-in-page sees those; opened at the newest, following new output while the person is at the
 * bottom, and reading earlier pages as they scroll up to the first item read, without moving what they see.
 */
/** What a person does to a cell besides running code: answer its input(), approve or reject its proposal. */
export interface CellActions {
  answer: (cellId: string, value: string) => void;
  approve: (cellId: string, edited?: string) => void;
  reject: (cellId: string, reason: string) => void;
}

export function Transcript({ items, hasEarlier, onLoadEarlier, language, busy, onRun, actions, header, footer }: {
  items: ShownItem[];
  hasEarlier: boolean;
  onLoadEarlier: () => void;
  /** The language of the conversation's kernel, for highlighting its code. */
  language?: string;
  busy: boolean;
  /** Must keep its identity across renders, or every row renders again with each change. */
  onRun: (code: string) => void;
  /** Must keep its identity across renders too. */
  actions: CellActions;
  header: ReactNode;
  footer: ReactNode;
}) {
  const rows = useVirtualRows({ rows: items, keyOf, estimate: estimateRowHeight, onNearTop: hasEarlier ? onLoadEarlier : undefined });
  // Rows' state (a cell collapsed, an edit in progress) kept while they are out of the DOM.
  const remembered = useMemo(() => new Map<string, unknown>(), []);
  return (
    <RememberedState.Provider value={remembered}>
      <div className="transcript" ref={rows.attachBox} role="log" aria-live="polite" data-testid="transcript">
        <div className="transcript-header">{header}</div>
        <div ref={rows.list}>
          <div style={{ height: rows.before }} />
          {items.slice(rows.first, rows.last + 1).map((item) => (
            <div key={item.id} data-row={item.id} ref={rows.measure} className="transcript-row">
              <Row item={item} language={language} busy={busy} onRun={onRun} actions={actions} />
            </div>
          ))}
          <div style={{ height: rows.after }} />
        </div>
        <div className="transcript-footer">{footer}</div>
      </div>
    </RememberedState.Provider>
  );
}

const Row = memo(function Row({ item, language, busy, onRun, actions }: {
  item: ShownItem; language?: string; busy: boolean; onRun: (code: string) => void; actions: CellActions;
}) {
  return item.kind === 'cell' ? (
    <CellView cell={item} language={language} busy={busy} onRun={onRun}
      onAnswer={(value) => actions.answer(item.id, value)}
      onApprove={(edited) => actions.approve(item.id, edited)}
      onReject={(reason) => actions.reject(item.id, reason)} />
  ) : <MessageView message={item} />;
});
