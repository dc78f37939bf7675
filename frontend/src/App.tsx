import { useEffect, useRef } from 'react';
import { ChatPanel } from './components/ChatPanel';
import { ErrorBanner } from './components/Notices';
import { Sidebar } from './components/Sidebar';
import { useConversations } from './hooks/useConversations';
import { useKernelspecs } from './hooks/useKernelspecs';
import { useModels } from './hooks/useModels';
import { useSandbox } from './hooks/useSandbox';

/** The page: conversations on the left, the open one on the right. Lands in a conversation on open. */
export function App() {
  const { models, error: modelsError } = useModels();
  const { sandbox, error: sandboxError } = useSandbox();
  const { kernelspecs } = useKernelspecs();
  const conv = useConversations(models?.default);
  const landing = useRef(false);

  useEffect(() => {
    if (landing.current) return;
    landing.current = true;
    void conv.refresh().then((list) => {
      if (!list) return;
      if (list.some((c) => c.id === conv.selectedId)) return;
      if (list.length > 0) conv.select(list[0].id);
      else void conv.create();
    });
  }, [conv]);

  const error = conv.error ?? modelsError ?? sandboxError;
  return (
    <div className="app" data-testid="app">
      <Sidebar
        conversations={conv.conversations ?? []}
        selectedId={conv.selectedId}
        onSelect={conv.select}
        kernelspecs={kernelspecs}
        onCreate={(kernel) => void conv.create(kernel)}
        onRename={(id, title) => void conv.rename(id, title)}
        onDelete={(id) => void conv.remove(id)}
      />
      <div className="main-column">
        {error && <ErrorBanner message={error.message} onDismiss={conv.clearError} />}
        {conv.selectedId ? (
          <ChatPanel key={conv.selectedId} conversationId={conv.selectedId} models={models} sandbox={sandbox} kernelspecs={kernelspecs} onConversation={conv.updated} />
        ) : (
          <main className="chat empty-app">
            {conv.conversations?.length === 0 && <button type="button" className="primary" onClick={() => void conv.create()}>Start a conversation</button>}
          </main>
        )}
      </div>
    </div>
  );
}
