import { render, screen } from '@testing-library/react';
import { TokenCount } from './TokenCount';

test('the last turn and the conversation show their tokens, cached input where the provider said', () => {
  render(<TokenCount lastTurn={{ inputTokens: 1200, outputTokens: 30, cachedInputTokens: 800 }}
    total={{ inputTokens: 5400, outputTokens: 210, cachedInputTokens: 800 }} />);
  expect(screen.getByTestId('turn-tokens')).toHaveTextContent('Last turn: 1,200 in (800 cached), 30 out');
  expect(screen.getByTestId('conversation-tokens')).toHaveTextContent('Conversation: 5,400 in (800 cached), 210 out');
});

test('where the model has a price the turn and the conversation show what they cost', () => {
  render(<TokenCount lastTurn={{ inputTokens: 1200, outputTokens: 30, cachedInputTokens: 0, costUsd: 0.0033 }}
    total={{ inputTokens: 5400, outputTokens: 210, cachedInputTokens: 0, costUsd: 1.234 }} />);
  expect(screen.getByTestId('turn-tokens')).toHaveTextContent('Last turn: 1,200 in, 30 out · $0.0033');
  expect(screen.getByTestId('conversation-tokens')).toHaveTextContent('Conversation: 5,400 in, 210 out · $1.23');
});

test('without a price no money is shown', () => {
  render(<TokenCount lastTurn={{ inputTokens: 1200, outputTokens: 30, cachedInputTokens: 0 }}
    total={{ inputTokens: 5400, outputTokens: 210, cachedInputTokens: 0 }} />);
  expect(screen.getByTestId('token-count')).not.toHaveTextContent('$');
});

test('a conversation that never asked a model shows no count', () => {
  render(<TokenCount lastTurn={null} total={{ inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 }} />);
  expect(screen.queryByTestId('token-count')).toBeNull();
});
