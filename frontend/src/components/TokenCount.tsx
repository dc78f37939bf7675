import type { TokenUsage } from '../lib/types';

const count = (n: number) => n.toLocaleString('en-US');

function describe(t: TokenUsage): string {
  const cached = t.cachedInputTokens > 0 ? ` (${count(t.cachedInputTokens)} cached)` : '';
  return `${count(t.inputTokens)} in${cached}, ${count(t.outputTokens)} out`;
}

/** The tokens the last turn used and the conversation's total, as the provider counted them. */
export function TokenCount({ lastTurn, total }: { lastTurn: TokenUsage | null; total: TokenUsage | undefined }) {
  if (!total || total.inputTokens + total.outputTokens === 0) return null;
  return (
    <span className="token-count" data-testid="token-count" title="Tokens, as the model's provider counted them">
      {lastTurn && <span data-testid="turn-tokens">Last turn: {describe(lastTurn)} · </span>}
      <span data-testid="conversation-tokens">Conversation: {describe(total)}</span>
    </span>
  );
}
