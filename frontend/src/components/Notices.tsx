import type { ChatState } from '../lib/chatState';

export function NoModelNotice({ help }: { help: string }) {
  return (
    <div className="notice no-model" role="note" data-testid="no-model-notice">
      {/* The server's help opens by saying no model is configured, then says how to configure one. */}
      {help ? <div className="help">{help}</div> : <><strong>No model is configured.</strong> You can still run code directly below.</>}
    </div>
  );
}

export function KernelNotice({ notice, onRestart, onDismiss }: { notice: ChatState['kernelNotice']; onRestart: () => void; onDismiss: () => void }) {
  if (!notice) return null;
  return (
    <div className="notice kernel-notice" role="alert" data-testid="kernel-notice">
      The kernel died (out of memory, or a crash). Variables and imports are lost; files remain.
      <button type="button" className="small-button" onClick={onRestart}>Restart kernel</button>
      <button type="button" className="small-button" aria-label="Dismiss" onClick={onDismiss}>×</button>
    </div>
  );
}

export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss?: () => void }) {
  return (
    <div className="notice error-banner" role="alert" data-testid="error-banner">
      {message}
      {onDismiss && <button type="button" className="small-button" aria-label="Dismiss" onClick={onDismiss}>×</button>}
    </div>
  );
}
