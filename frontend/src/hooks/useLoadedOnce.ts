import { useEffect, useState } from 'react';
import type { ApiError } from '../lib/api';

/** What `load` answers, asked once when the component mounts (for what the server decides at start). */
export function useLoadedOnce<T>(load: () => Promise<T>): { value: T | null; error: ApiError | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setValue(v),
      (e: ApiError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return { value, error };
}
