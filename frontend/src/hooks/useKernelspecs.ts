import { api, ApiError } from '../lib/api';
import type { KernelspecList } from '../lib/types';
import { useLoadedOnce } from './useLoadedOnce';

/** The kernelspecs the server can start, loaded once. */
export function useKernelspecs(): { kernelspecs: KernelspecList | null; error: ApiError | null } {
  const { value, error } = useLoadedOnce(api.kernelspecs);
  return { kernelspecs: value, error };
}
