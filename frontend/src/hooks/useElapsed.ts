import { useEffect, useRef, useState } from 'react';

/**
 * How long a cell has been running, ticking every second; null while it is not running. A cell seen to start
 * (an approved proposal, say) counts from then; one already running when it was first shown counts from when it
 * was made, so a reload does not restart the clock.
 */
export function useElapsed(running: boolean, createdAt: number | undefined): number | null {
  const shown = useRef(false);
  const [since, setSince] = useState<number | null>(() => (running ? Math.min(createdAt ?? Date.now(), Date.now()) : null));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!shown.current) {
      shown.current = true;
      return;
    }
    setSince(running ? Date.now() : null);
    setNow(Date.now());
  }, [running]);
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return running && since !== null ? Math.max(0, now - since) : null;
}
