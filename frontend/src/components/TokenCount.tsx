import { formatTokens } from '../lib/format';
import type { TokenUsage } from '../lib/types';

/** The tokens the last turn used and the conversation's total, as the provider counted them, and their price if known. */
export function TokenCount({ lastTurn, total }: { lastTurn: TokenUsage | null; total: TokenUsage | undefined }) {
  if (!total || total.inputTokens + total.outputTokens === 0) return null;
  return (
    <span className="token-count" data-testid="token-count" title="Tokens, as the model's provider counted them">
      {lastTurn && <span data-testid="turn-tokens">Last turn: {formatTokens(lastTurn)} · </span>}
      <span data-testid="conversation-tokens">Conversation: {formatTokens(total)}</span>
    </span>
  );
}
