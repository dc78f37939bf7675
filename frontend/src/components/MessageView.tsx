import { memo } from 'react';
import { formatTokens } from '../lib/format';
import type { Message } from '../lib/types';
import { Markdown } from './Markdown';

const ROLE_LABEL = { user: 'You', assistant: 'Model', context: 'Context', notice: 'Notice' } as const;

/** Memoised like CellView: a message renders again only when it changed (as it streams). */
export const MessageView = memo(function MessageView({ message }: { message: Message }) {
  return (
    <article className={`message role-${message.role}`} data-testid={`message-${message.role}`} aria-label={ROLE_LABEL[message.role]}>
      {message.role === 'user' ? <div className="user-text">{message.text}</div> : <Markdown text={message.text} />}
      {message.usage && (
        <div className="turn-tokens" data-testid="message-turn-tokens" title="What answering this message used">
          {formatTokens(message.usage)}
        </div>
      )}
    </article>
  );
});
