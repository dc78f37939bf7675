import { useEffect, useState } from 'react';
import type { ApiError } from '../lib/api';

/** Something the server decides at start, asked once when the page mounts; its error if the request fails. */
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
    // Asked once, whatever `load` is next time: the server's answer does not change while it runs.
  }, []);
  return { value, error };
}
