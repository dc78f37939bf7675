import { useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import type { SandboxInfo } from '../lib/types';

/** Whether the server confines kernels, and why or why not; loaded once (the server decides at start). */
export function useSandbox(): { sandbox: SandboxInfo | null; error: ApiError | null } {
  const [sandbox, setSandbox] = useState<SandboxInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    api.sandbox().then(
      (s) => live && setSandbox(s),
      (e: ApiError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  return { sandbox, error };
}
