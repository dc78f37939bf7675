import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useChat } from '../hooks/useChat';
import { useDismissed } from '../hooks/useDismissed';
import { useFileDrop } from '../hooks/useFileDrop';
import { useUploads } from '../hooks/useUploads';
import { notebookUrl } from '../lib/api';
import { TokenCount } from './TokenCount';
import { languageName } from '../lib/format';
import type { ConversationChange } from '../hooks/useConversations';
import type { KernelspecList, ModelList, SandboxInfo } from '../lib/types';
import { Composer } from './Composer';
import { FileBar } from './FileBar';
import { KernelBadge } from './KernelBadge';
import { ModelPicker } from './ModelPicker';
import { NetworkSwitch } from './NetworkSwitch';
import { ErrorBanner, KernelNotice, NoModelNotice } from './Notices';
import { SandboxBadge } from './SandboxBadge';
import { SandboxWarning } from './SandboxWarning';
import { Transcript, type CellActions } from './Transcript';

const TURN_END_TEXT = {
  stopped: 'Stopped.',
  step_limit: 'The model used all the steps it may take for one request. Ask it to continue if needed.',
} as const;

/** One open conversation: header, transcript, notices, files and the input. */
export function ChatPanel({ conversationId, models, sandbox, kernelspecs, onConversation }: {
  conversationId: string;
  models: ModelList | null;
  sandbox: SandboxInfo | null;
  kernelspecs: KernelspecList | null;
  onConversation: (c: ConversationChange) => void;
}) {
  const chat = useChat(conversationId, onConversation);
  const { state } = chat;
  const [sandboxWarningDismissed, dismissSandboxWarning] = useDismissed('kernelchat.sandboxWarningDismissed');
  const { uploads, upload, dismiss } = useUploads(conversationId, chat.filesUploaded);
  const drop = useFileDrop(upload);
  const running = Boolean(state?.running || state?.items.some((i) => i.kind === 'cell' && i.status === 'running'));
  const canAsk = Boolean(models?.configured);
  const kernelName = state?.conversation.kernelspec;
  const kernelspec = kernelspecs?.kernelspecs.find((k) => k.name === kernelName);
  // Until the list is in (or for a kernelspec no longer installed) only the name is known; python3 is Python's.
  const language = languageName(kernelspec?.language ?? (kernelName === 'python3' ? 'python' : undefined));

  // Keeps the sidebar's running mark in step with this conversation.
  const reportConversation = useRef(onConversation);
  reportConversation.current = onConversation;
  const turnRunning = state?.running;
  useEffect(() => {
    if (turnRunning !== undefined) reportConversation.current({ id: conversationId, running: turnRunning });
  }, [conversationId, turnRunning]);

  const stop = useRef(chat.stop);
  stop.current = chat.stop;
  // One function for the whole life of the panel: every cell gets it, and a new one would render them all.
  const execute = useRef(chat.execute);
  execute.current = chat.execute;
  const run = useCallback((code: string) => void execute.current(code), []);
  const current = useRef(chat);
  current.current = chat;
  const actions = useMemo<CellActions>(() => ({
    answer: (cellId, value) => void current.current.answerInput(cellId, value),
    approve: (cellId, edited) => void current.current.approveCell(cellId, edited),
    reject: (cellId, reason) => void current.current.rejectCell(cellId, reason),
  }), []);
  useEffect(() => {
    if (!running) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) void stop.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running]);

  const serverError = chat.error?.message ?? state?.error?.message;
  const noModel = models && !models.configured && <NoModelNotice help={models.help} />;
  const turnEnd = state?.lastTurnEnd && state.lastTurnEnd in TURN_END_TEXT ? TURN_END_TEXT[state.lastTurnEnd as keyof typeof TURN_END_TEXT] : null;
  const footer = (
    <>
      {state?.running && <div className="working" data-testid="working" aria-label="Working">Working…</div>}
      {turnEnd && <div className="turn-end" data-testid="turn-end">{turnEnd}</div>}
    </>
  );

  return (
    <main className="chat" data-testid="chat" {...drop.handlers}>
      <header className="chat-header">
        <h1 className="chat-title" data-testid="chat-title">{state?.conversation.title || 'New conversation'}</h1>
        {models && state && <ModelPicker models={models} value={state.conversation.model} onChange={(m) => void chat.setModel(m)} />}
        {kernelName && <span className="kernelspec" data-testid="kernelspec" title={`Kernelspec ${kernelName}`}>{kernelspec?.displayName ?? kernelName}</span>}
        {state && <KernelBadge status={state.kernel.status} onRestart={() => void chat.restartKernel()} />}
        {state && <SandboxBadge sandbox={state.kernel.sandbox} reason={sandbox?.reason} />}
        {state && <NetworkSwitch kernel={state.kernel} onChange={chat.setNetwork} />}
        {state && (
          <label className="approval-switch" title="The model's code waits for you to run, edit or reject it">
            <input
              type="checkbox"
              data-testid="approval-switch"
              checked={state.conversation.approval === 'ask'}
              onChange={(e) => void chat.setApproval(e.target.checked ? 'ask' : 'auto')}
            />
            Ask before running
          </label>
        )}
        {state && <TokenCount lastTurn={state.lastTurnTokens} total={state.conversation.tokens} />}
        {state?.items.some((i) => i.kind === 'cell') && (
          <button type="button" className="small-button" disabled={running} onClick={() => void chat.runAll()}
            data-testid="run-all" title="Run every cell again, in order, to rebuild the kernel's state">
            Run all
          </button>
        )}
        <a className="small-button" href={notebookUrl(conversationId)} download data-testid="notebook-download">.ipynb</a>
        {chat.connection === 'closed' && <span className="offline" role="status">Live updates lost: reload the page</span>}
      </header>
      {state?.kernel.sandbox === 'off' && !sandboxWarningDismissed && (
        <SandboxWarning reason={sandbox?.reason} onDismiss={dismissSandboxWarning} />
      )}
      {state && state.items.length > 0 ? (
        <div className="transcript-box">
          <Transcript
            items={state.items}
            hasEarlier={state.hasEarlier}
            onLoadEarlier={chat.loadEarlier}
            language={kernelspec?.language}
            busy={running}
            onRun={run}
            actions={actions}
            header={noModel}
            footer={footer}
          />
          {/* Over the list, not in it: a line that came and went above the items would move them. */}
          {chat.loadingEarlier && <div className="loading-earlier" data-testid="loading-earlier" role="status">Loading earlier items…</div>}
        </div>
      ) : (
        <div className="transcript transcript-empty" role="log" aria-live="polite" data-testid="transcript">
          {noModel}
          {state === null && !chat.error && <div className="loading">Loading…</div>}
          {state && (
            <div className="empty" data-testid="empty">
              {canAsk ? 'Ask for an analysis, a plot or a file. Drop files here to upload them.' : `Run ${language} below. Drop files here to upload them.`}
            </div>
          )}
          {footer}
        </div>
      )}
      {state && <KernelNotice notice={state.kernelNotice} onRestart={() => void chat.restartKernel()} onDismiss={chat.dismissKernelNotice} />}
      {serverError && <ErrorBanner message={serverError} onDismiss={chat.dismissError} />}
      <FileBar conversationId={conversationId} files={state?.files ?? []} uploads={uploads} onDelete={(n) => void chat.deleteFile(n)} onDismiss={dismiss} />
      <Composer canAsk={canAsk} running={running} language={language} onSend={chat.send} onRun={run} onStop={() => void chat.stop()} onAttach={upload} />
      {drop.dragging && <div className="drop-overlay" data-testid="drop-overlay">Drop files to upload them</div>}
    </main>
  );
}
