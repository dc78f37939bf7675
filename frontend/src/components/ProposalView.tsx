import { useState } from 'react';
import { CodeEditor } from './CodeEditor';

/**
 * The model's code waiting for the person (approval "ask"): run it as it is or as edited here, or reject it
 * with an optional reason, which the model is told.
 */
export function ProposalView({ code, onApprove, onReject }: {
  code: string; onApprove: (edited?: string) => void; onReject: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [answered, setAnswered] = useState(false);
  return (
    <div className="proposal" data-testid="proposal">
      <CodeEditor
        initial={code}
        busy={answered}
        label="Proposed code"
        onRun={(edited) => {
          setAnswered(true);
          onApprove(edited === code ? undefined : edited);
        }}
      >
        <input
          className="proposal-reason"
          aria-label="Why not (optional)"
          placeholder="Why not (optional)"
          data-testid="reject-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button
          type="button"
          className="danger"
          disabled={answered}
          data-testid="reject-cell"
          onClick={() => {
            setAnswered(true);
            onReject(reason.trim());
          }}
        >
          Reject
        </button>
      </CodeEditor>
    </div>
  );
}
