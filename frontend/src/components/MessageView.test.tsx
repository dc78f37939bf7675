import { render, screen } from '@testing-library/react';
import { MessageView } from './MessageView';

test('a user message whose turn has ended shows what the turn used and cost', () => {
  render(<MessageView message={{ kind: 'message', id: 'm', role: 'user', text: 'Summarise it',
    usage: { inputTokens: 2451, outputTokens: 80, cachedInputTokens: 1024, costUsd: 0.0061 } }} />);
  expect(screen.getByTestId('message-turn-tokens')).toHaveTextContent('2,451 in (1,024 cached), 80 out · $0.0061');
});

test('a message without its turn\'s tokens (still running, or from before they were kept) shows none', () => {
  render(<MessageView message={{ kind: 'message', id: 'm', role: 'user', text: 'Summarise it' }} />);
  expect(screen.queryByTestId('message-turn-tokens')).toBeNull();
});
