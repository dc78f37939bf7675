import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SandboxWarning } from './SandboxWarning';

test('the warning says kernels are not confined, then the reason as a sentence, and can be dismissed', async () => {
  const onDismiss = vi.fn();
  render(<SandboxWarning reason="bubblewrap cannot confine kernels here: /usr/bin/bwrap is not installed" onDismiss={onDismiss} />);
  const warning = screen.getByTestId('sandbox-warning');
  expect(warning).toHaveTextContent('Kernels are not sandboxed.');
  expect(warning).toHaveTextContent('Bubblewrap cannot confine kernels here: /usr/bin/bwrap is not installed.');
  await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
  expect(onDismiss).toHaveBeenCalledOnce();
});
