import { api, ApiError } from '../lib/api';
import type { SandboxInfo } from '../lib/types';
import { useLoadedOnce } from './useLoadedOnce';

/** Whether the server confines kernels, and why or why not; loaded once (the server decides at start). */
export function useSandbox(): { sandbox: SandboxInfo | null; error: ApiError | null } {
  const { value, error } = useLoadedOnce(api.sandbox);
  return { sandbox: value, error };
}
