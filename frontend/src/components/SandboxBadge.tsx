import type { SandboxState } from '../lib/types';

/** Whether this conversation's kernel is confined; the tooltip is the server's reason (what confines it, or why nothing does). */
export function SandboxBadge({ sandbox, reason }: { sandbox: SandboxState; reason: string | undefined }) {
  const on = sandbox === 'on';
  return (
    <span className={`sandbox-badge sandbox-${sandbox}`} data-testid="kernel-sandbox" data-sandbox={sandbox}
      title={reason ?? (on ? 'The kernel is confined to its workspace.' : 'The kernel runs with your full authority.')}>
      {on ? 'Sandboxed' : <><span aria-hidden="true">⚠</span> Not sandboxed</>}
    </span>
  );
}
