import { useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import type { ModelList } from '../lib/types';

/** The models the server reports, loaded once. */
export function useModels(): { models: ModelList | null; error: ApiError | null } {
  const [models, setModels] = useState<ModelList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    api.models().then(
      (m) => live && setModels(m),
      (e: ApiError) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  return { models, error };
}
