import { useState, type KeyboardEvent } from 'react';
import type { Conversation, KernelspecList } from '../lib/types';

interface Props {
  conversations: Conversation[];
  selectedId: string | null;
  kernelspecs: KernelspecList | null;
  onSelect: (id: string) => void;
  /** kernel: the kernelspec chosen for it, or undefined for the server's default. */
  onCreate: (kernel?: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
}

export function Sidebar({ conversations, selectedId, kernelspecs, onSelect, onCreate, onRename, onDelete }: Props) {
  const [kernel, setKernel] = useState<string | null>(null);
  const chosen = kernel ?? kernelspecs?.default ?? null;
  return (
    <nav className="sidebar" aria-label="Conversations" data-testid="sidebar">
      <div className="brand">kernelchat</div>
      <button type="button" className="new-conversation" onClick={() => onCreate(chosen ?? undefined)} data-testid="new-conversation">
        + New conversation
      </button>
      {kernelspecs && kernelspecs.kernelspecs.length > 1 && (
        <label className="new-kernel">
          <span>in</span>
          <select value={chosen ?? ''} onChange={(e) => setKernel(e.target.value)} data-testid="new-conversation-kernel"
            aria-label="Kernel for a new conversation">
            {kernelspecs.kernelspecs.map((k) => <option key={k.name} value={k.name}>{k.displayName}</option>)}
          </select>
        </label>
      )}
      <ul className="conversation-list">
        {conversations.map((c) => (
          <ConversationRow key={c.id} conversation={c} selected={c.id === selectedId} onSelect={onSelect} onRename={onRename} onDelete={onDelete} />
        ))}
      </ul>
    </nav>
  );
}

function ConversationRow({ conversation: c, selected, onSelect, onRename, onDelete }: {
  conversation: Conversation;
  selected: boolean;
  onSelect: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [title, setTitle] = useState(c.title);
  const title0 = c.title || 'New conversation';

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && title.trim()) {
      onRename(c.id, title.trim());
      setRenaming(false);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      setRenaming(false);
    }
  };

  return (
    <li className={`conversation ${selected ? 'selected' : ''}`} data-testid="conversation-item" data-id={c.id}>
      {renaming ? (
        <input
          autoFocus
          aria-label="Conversation title"
          data-testid="rename-input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => setRenaming(false)}
        />
      ) : confirming ? (
        <span className="confirm-delete">
          Delete “{title0}”?
          <button type="button" className="danger small-button" onClick={() => onDelete(c.id)} data-testid="confirm-delete">Delete</button>
          <button type="button" className="small-button" onClick={() => setConfirming(false)}>Keep</button>
        </span>
      ) : (
        <>
          <button type="button" className="conversation-title" aria-current={selected ? 'page' : undefined} onClick={() => onSelect(c.id)} data-testid="conversation-title">
            {c.running && <span className="running-dot" aria-label="running" />}
            {title0}
          </button>
          <button type="button" className="icon-button" aria-label={`Rename ${title0}`} data-testid="rename" onClick={() => { setTitle(c.title); setRenaming(true); }}>✎</button>
          <button type="button" className="icon-button" aria-label={`Delete ${title0}`} data-testid="delete" onClick={() => setConfirming(true)}>✕</button>
        </>
      )}
    </li>
  );
}
