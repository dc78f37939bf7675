import { createContext, useCallback, useContext, useState } from 'react';

/**
 * Where rows of a virtualised list keep their state while they are scrolled out of the DOM: a cell collapsed
 * or being edited is still so when the person scrolls back. One per open conversation.
 */
export const RememberedState = createContext<Map<string, unknown> | null>(null);

/** useState that outlives unmounting, under a key unique in the conversation (plain state without a provider). */
export function useRemembered<T>(key: string, initial: T): [T, (value: T) => void] {
  const memory = useContext(RememberedState);
  const [value, setValue] = useState<T>(() => (memory?.has(key) ? (memory.get(key) as T) : initial));
  const remember = useCallback((next: T) => {
    memory?.set(key, next);
    setValue(next);
  }, [memory, key]);
  return [value, remember];
}
