import { api, ApiError } from '../lib/api';
import type { ModelList } from '../lib/types';
import { useLoadedOnce } from './useLoadedOnce';

/** The models the server reports, loaded once. */
export function useModels(): { models: ModelList | null; error: ApiError | null } {
  const { value, error } = useLoadedOnce(api.models);
  return { models: value, error };
}
