import type { KernelStatus } from '../lib/types';

const LABEL: Record<KernelStatus, string> = {
  stopped: 'Kernel not running',
  starting: 'Kernel starting',
  idle: 'Kernel idle',
  busy: 'Kernel busy',
  restarting: 'Kernel restarting',
  dead: 'Kernel dead',
};

export function KernelBadge({ status, onRestart }: { status: KernelStatus; onRestart: () => void }) {
  return (
    <div className="kernel">
      <span className={`kernel-status kernel-${status}`} data-testid="kernel-status" data-status={status} role="status"
        title={status === 'stopped' ? 'The kernel starts with the next cell.' : undefined}>
        <span className="dot" aria-hidden="true" /> {LABEL[status] ?? status}
      </span>
      <button type="button" className="small-button" onClick={onRestart} data-testid="kernel-restart" disabled={status === 'restarting' || status === 'starting'}>
        Restart kernel
      </button>
    </div>
  );
}
