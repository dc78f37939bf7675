import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Kernel } from '../lib/types';
import { NetworkSwitch } from './NetworkSwitch';

function setup(kernel: Partial<Kernel> = {}) {
  const onChange = vi.fn(async () => undefined);
  render(<NetworkSwitch kernel={{ status: 'idle', sandbox: 'on', network: false, ...kernel }} onChange={onChange} />);
  return { onChange, toggle: screen.getByRole('switch', { name: 'Network' }) };
}

test('the switch shows whether the kernel has a network', () => {
  const { toggle } = setup({ network: true });
  expect(toggle).toBeChecked();
  expect(toggle).toHaveAttribute('data-testid', 'kernel-network');
});

test('with no kernel running the switch changes at once', async () => {
  const { onChange, toggle } = setup({ status: 'stopped' });
  await userEvent.click(toggle);
  expect(onChange).toHaveBeenCalledWith(true);
  expect(screen.queryByTestId('network-confirm')).toBeNull();
});

test('with a kernel running, turning the network on first says the kernel restarts and loses its variables', async () => {
  const { onChange, toggle } = setup({ status: 'idle' });
  await userEvent.click(toggle);
  expect(onChange).not.toHaveBeenCalled();
  expect(screen.getByTestId('network-confirm')).toHaveTextContent(
    'Turning the network on restarts the kernel: its variables are lost; its files stay.');
  await userEvent.click(screen.getByTestId('network-confirm-restart'));
  expect(onChange).toHaveBeenCalledWith(true);
  expect(screen.queryByTestId('network-confirm')).toBeNull();
});

test('cancelling, or Escape, leaves the network as it was', async () => {
  const { onChange, toggle } = setup({ status: 'busy', network: true });
  await userEvent.click(toggle);
  expect(screen.getByTestId('network-confirm')).toHaveTextContent('Turning the network off restarts the kernel');
  expect(screen.getByTestId('network-confirm')).toHaveTextContent('the running cell stops');
  await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  await userEvent.click(toggle);
  await userEvent.keyboard('{Escape}');
  expect(screen.queryByTestId('network-confirm')).toBeNull();
  expect(onChange).not.toHaveBeenCalled();
  expect(toggle).toBeChecked();
});

test('an unconfined kernel always has the network: the switch is on, disabled, and says why', () => {
  const { toggle } = setup({ sandbox: 'off', network: true });
  expect(toggle).toBeChecked();
  expect(toggle).toBeDisabled();
  expect(toggle.closest('label')).toHaveAttribute('title', expect.stringContaining("an unconfined kernel always has the machine's network"));
});
