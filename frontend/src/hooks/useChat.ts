import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, eventsUrl } from '../lib/api';
import {
  applyEvent, fromTranscript, toEventId, withCell, withConversation, withEarlier, withFiles, withoutFile, type ChatState,
} from '../lib/chatState';
import { SERVER_EVENT_TYPES, type Approval, type Conversation, type FileInfo, type ServerEvent } from '../lib/types';

export type Connection = 'connecting' | 'open' | 'closed';

/** Items per read: the newest page fills a screen several times over, so opening shows the end at once. */
export const PAGE_ITEMS = 50;

/**
 * One open conversation: its transcript kept live by the event stream, and the actions on it.
 *
 * The transcript is fetched first and the stream opened from its lastEventId (a query parameter, since
 * EventSource cannot send Last-Event-ID on its first connection): the server replays whatever happened in
 * between, so nothing falls between the two and nothing counts twice. On reconnecting, the browser sends
 * the id of the last event it received, which the server prefers. A reset reloads and reconnects.
 *
 * Only the newest items are read at first; loadEarlier reads the page before the first item, as the person
 * scrolls up to it. Events concern the end of the transcript, which the first page holds, so pages read later
 * need no events of their own (display updates aside: see chatState's `displays`).
 */
export function useChat(conversationId: string, onConversation?: (c: Conversation) => void) {
  const [state, setState] = useState<ChatState | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const earlierInFlight = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const onConversationRef = useRef(onConversation);
  onConversationRef.current = onConversation;

  useEffect(() => {
    let closed = false;
    let source: EventSource | null = null;

    const load = async () => {
      source?.close();
      source = null;
      setConnection('connecting');
      let transcript;
      try {
        transcript = await api.transcript(conversationId, { limit: PAGE_ITEMS });
      } catch (e) {
        if (!closed) {
          setActionError(e as ApiError);
          setConnection('closed');
        }
        return;
      }
      if (closed) return;
      setState(fromTranscript(transcript));
      source = connect(toEventId(transcript.lastEventId));
    };

    const connect = (after: number | null) => {
      const stream = new EventSource(eventsUrl(conversationId, after));
      stream.onopen = () => setConnection('open');
      stream.onerror = () => {
        if (closed || stream !== source) return;
        setConnection(stream.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
      };
      const receive = (type: ServerEvent['type']) => (e: Event) => {
        // "error" is both an event type of ours and EventSource's connection-failure signal.
        if (!(e instanceof MessageEvent) || stream !== source) return;
        if (type === 'reset') {
          void load();
          return;
        }
        let data: unknown;
        try {
          data = JSON.parse(e.data as string);
        } catch {
          return; // a malformed event cannot be applied; the next transcript load repairs the view
        }
        const event = { type, data } as ServerEvent;
        if (type === 'conversation') onConversationRef.current?.(event.data as Conversation);
        const id = toEventId(e.lastEventId);
        setState((s) => (s ? applyEvent(s, event, id) : s));
      };
      for (const type of SERVER_EVENT_TYPES) stream.addEventListener(type, receive(type));
      return stream;
    };

    void load();
    return () => {
      closed = true;
      source?.close();
    };
  }, [conversationId]);

  const attempt = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setActionError(null);
    try {
      return await action();
    } catch (e) {
      setActionError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
      return undefined;
    }
  }, []);

  const loadEarlier = useCallback(async () => {
    const first = stateRef.current?.hasEarlier ? stateRef.current.items[0]?.id : undefined;
    if (first === undefined || earlierInFlight.current) return;
    earlierInFlight.current = true;
    setLoadingEarlier(true);
    const page = await attempt(() => api.transcript(conversationId, { limit: PAGE_ITEMS, before: first }));
    earlierInFlight.current = false;
    setLoadingEarlier(false);
    if (!page) return;
    // A reload meanwhile starts from a newer first item: this page would leave a gap before it.
    setState((s) => (s && s.items[0]?.id === first ? withEarlier(s, page.items, Boolean(page.hasEarlier)) : s));
  }, [attempt, conversationId]);

  const update = (change: { model?: string; network?: boolean; approval?: Approval }) =>
    attempt(async () => {
      const c = await api.updateConversation(conversationId, change);
      setState((s) => (s ? withConversation(s, c) : s));
      onConversationRef.current?.(c);
    });

  return {
    state,
    connection,
    error: actionError,
    loadingEarlier,
    loadEarlier,
    dismissError: () => {
      setActionError(null);
      setState((s) => (s ? { ...s, error: null } : s));
    },
    dismissKernelNotice: () => setState((s) => (s ? { ...s, kernelNotice: null } : s)),
    /** Resolves false when the server refused the message, so the composer can give the text back. */
    send: async (text: string) => (await attempt(() => api.sendMessage(conversationId, text))) !== undefined,
    execute: (code: string) =>
      attempt(async () => {
        // The events show the cell as it runs; the answer is the finished cell, in case events were lost.
        const cell = await api.execute(conversationId, code);
        setState((s) => (s ? withCell(s, cell) : s));
      }),
    runAll: () =>
      attempt(async () => {
        setState((s) => (s ? { ...s, rerun: s.items.filter((i) => i.kind === 'cell').map((i) => i.id) } : s));
        try {
          const { cells } = await api.runAll(conversationId);
          setState((s) => (s ? cells.reduce(withCell, s) : s));
        } finally {
          setState((s) => (s ? { ...s, rerun: [] } : s));
        }
      }),
    answerInput: (cellId: string, value: string) => attempt(() => api.answerInput(conversationId, cellId, value)),
    approveCell: (cellId: string, code?: string) => attempt(() => api.approveCell(conversationId, cellId, code)),
    rejectCell: (cellId: string, reason: string) => attempt(() => api.rejectCell(conversationId, cellId, reason)),
    setApproval: (approval: Approval) => update({ approval }),
    stop: () => attempt(() => api.stop(conversationId)),
    restartKernel: () => attempt(() => api.restartKernel(conversationId)),
    setModel: (model: string) => update({ model }),
    /** Restarts a running kernel in its new network; the server's notice in the transcript says so. */
    setNetwork: (network: boolean) => update({ network }),
    deleteFile: (name: string) =>
      attempt(async () => {
        await api.deleteFile(conversationId, name);
        setState((s) => (s ? withoutFile(s, name) : s));
      }),
    filesUploaded: (files: FileInfo[]) => setState((s) => (s ? withFiles(s, files) : s)),
  };
}
