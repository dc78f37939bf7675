import { sentence } from '../lib/format';

/** Shown while kernels are not confined: what that means, and the server's reason, which says what to do. */
export function SandboxWarning({ reason, onDismiss }: { reason: string | undefined; onDismiss: () => void }) {
  return (
    <div className="notice sandbox-warning" role="alert" data-testid="sandbox-warning">
      <span>
        <strong>Kernels are not sandboxed.</strong> Code run here, the model's included, can read your files and the
        kernelchat database, reach every local port and signal your processes.
        {reason && <> {sentence(reason)}</>}
      </span>
      <button type="button" className="small-button" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </div>
  );
}
