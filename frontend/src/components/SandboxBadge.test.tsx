import { render, screen } from '@testing-library/react';
import { SandboxBadge } from './SandboxBadge';

test('a sandboxed kernel says so, with what confines it as the tooltip', () => {
  render(<SandboxBadge sandbox="on" reason="bubblewrap: own file system view, PID namespace and limits" />);
  const badge = screen.getByTestId('kernel-sandbox');
  expect(badge).toHaveTextContent('Sandboxed');
  expect(badge).toHaveAttribute('data-sandbox', 'on');
  expect(badge).toHaveAttribute('title', 'bubblewrap: own file system view, PID namespace and limits');
});

test('an unconfined kernel shows a warning whose tooltip is the reason and what to do', () => {
  render(<SandboxBadge sandbox="off" reason="turned off (--sandbox off): kernel code runs with your full authority" />);
  const badge = screen.getByTestId('kernel-sandbox');
  expect(badge).toHaveTextContent('Not sandboxed');
  expect(badge).toHaveAttribute('data-sandbox', 'off');
  expect(badge).toHaveClass('sandbox-off');
  expect(badge).toHaveAttribute('title', 'turned off (--sandbox off): kernel code runs with your full authority');
});

test('before the reason has loaded the tooltip still says what the state means', () => {
  render(<SandboxBadge sandbox="off" reason={undefined} />);
  expect(screen.getByTestId('kernel-sandbox')).toHaveAttribute('title', 'The kernel runs with your full authority.');
});
