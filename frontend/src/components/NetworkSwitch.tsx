import { useState, type KeyboardEvent } from 'react';
import type { Kernel } from '../lib/types';

const UNCONFINED = "The kernel is not sandboxed: an unconfined kernel always has the machine's network.";

/**
 * The conversation's network switch. A process cannot change its network, so the server restarts a running
 * kernel when the switch moves: with one running, the switch first says what will be lost and waits for a yes.
 */
export function NetworkSwitch({ kernel, onChange }: { kernel: Kernel; onChange: (network: boolean) => Promise<unknown> }) {
  // The value waiting for the person's yes, while the question shows.
  const [asking, setAsking] = useState<boolean | null>(null);
  const [saving, setSaving] = useState(false);
  const confined = kernel.sandbox === 'on';
  const running = kernel.status !== 'stopped' && kernel.status !== 'dead';

  const save = async (network: boolean) => {
    setAsking(null);
    setSaving(true);
    try {
      await onChange(network);
    } finally {
      setSaving(false);
    }
  };
  const cancelOnEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault(); // Escape here means "no", not "stop the turn"
    setAsking(null);
  };

  let title = UNCONFINED;
  if (confined) {
    title = kernel.network
      ? "The kernel shares this machine's network, loopback included."
      : 'No network: the kernel reaches only its own loopback.';
  }
  return (
    <span className="network">
      <label className="network-switch" title={title}>
        <input type="checkbox" role="switch" data-testid="kernel-network" checked={kernel.network}
          disabled={!confined || saving || asking !== null}
          onChange={(e) => (running ? setAsking(e.target.checked) : void save(e.target.checked))} />
        Network
      </label>
      {asking !== null && (
        <span className="network-confirm" role="alertdialog" aria-label="Restart the kernel?" data-testid="network-confirm" onKeyDown={cancelOnEscape}>
          Turning the network {asking ? 'on' : 'off'} restarts the kernel: its variables are lost
          {kernel.status === 'busy' && ' and the running cell stops'}; its files stay.
          <span className="network-confirm-buttons">
            <button type="button" className="small-button" autoFocus onClick={() => setAsking(null)}>Cancel</button>
            <button type="button" className="small-button primary" data-testid="network-confirm-restart" onClick={() => void save(asking)}>
              Restart with network {asking ? 'on' : 'off'}
            </button>
          </span>
        </span>
      )}
    </span>
  );
}
