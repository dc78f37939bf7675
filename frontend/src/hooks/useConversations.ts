import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import type { Conversation } from '../lib/types';

/** Some fields of one conversation that changed. */
export type ConversationChange = Partial<Conversation> & { id: string };

function selectedFromHash(): string | null {
  const match = /^#\/c\/(.+)$/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

/**
 * The sidebar's conversations, newest first, and which one is open. The open one lives in the URL
 * hash so a reload lands back in it.
 */
export function useConversations(defaultModel: string | null | undefined) {
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(selectedFromHash);
  const [error, setError] = useState<ApiError | null>(null);

  const select = useCallback((id: string | null) => {
    setSelectedId(id);
    const hash = id ? `#/c/${encodeURIComponent(id)}` : '';
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search + hash);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const list = await api.conversations();
      setConversations(list);
      return list;
    } catch (e) {
      setError(e as ApiError);
      return null;
    }
  }, []);

  /** A new conversation, of kernelspec `kernel` or else the server's default. */
  const create = useCallback(async (kernel?: string) => {
    try {
      const created = await api.createConversation({ ...(defaultModel ? { model: defaultModel } : {}), ...(kernel ? { kernel } : {}) });
      setConversations((list) => [created, ...(list ?? []).filter((c) => c.id !== created.id)]);
      select(created.id);
      return created;
    } catch (e) {
      setError(e as ApiError);
      return null;
    }
  }, [defaultModel, select]);

  const rename = useCallback(async (id: string, title: string) => {
    try {
      const updated = await api.updateConversation(id, { title });
      setConversations((list) => (list ?? []).map((c) => (c.id === id ? updated : c)));
    } catch (e) {
      setError(e as ApiError);
    }
  }, []);

  const remove = useCallback(async (id: string) => {
    try {
      await api.deleteConversation(id);
      const rest = (conversations ?? []).filter((c) => c.id !== id);
      setConversations(rest);
      if (id === selectedId) select(rest[0]?.id ?? null);
    } catch (e) {
      setError(e as ApiError);
    }
  }, [conversations, selectedId, select]);

  /** Merges a conversation the event stream reported (a new title, a new model). */
  const updated = useCallback((c: ConversationChange) => {
    setConversations((list) => (list ?? []).map((x) => (x.id === c.id ? { ...x, ...c } : x)));
  }, []);

  useEffect(() => {
    const onHash = () => setSelectedId(selectedFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  return { conversations, selectedId, select, refresh, create, rename, remove, updated, error, clearError: () => setError(null) };
}
