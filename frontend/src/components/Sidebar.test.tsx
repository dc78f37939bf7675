import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Conversation, KernelspecList } from '../lib/types';
import { Sidebar } from './Sidebar';

const conversations: Conversation[] = [
  { id: 'b', title: 'Newest', model: null, createdAt: 2, updatedAt: 2, running: true, network: false, kernelspec: 'python3' },
  { id: 'a', title: '', model: null, createdAt: 1, updatedAt: 1, running: false, network: false, kernelspec: 'ir' },
];

const kernelspecs: KernelspecList = {
  kernelspecs: [{ name: 'python3', displayName: 'Python 3', language: 'python' }, { name: 'ir', displayName: 'R', language: 'R' }],
  default: 'python3',
};

function setup(specs: KernelspecList | null = kernelspecs) {
  const props = { onSelect: vi.fn(), onCreate: vi.fn(), onRename: vi.fn(), onDelete: vi.fn() };
  render(<Sidebar conversations={conversations} selectedId="b" kernelspecs={specs} {...props} />);
  return props;
}

test('conversations are listed in the order given with the open one marked', () => {
  setup();
  const titles = screen.getAllByTestId('conversation-title');
  expect(titles.map((t) => t.textContent)).toEqual(['Newest', 'New conversation']);
  expect(titles[0]).toHaveAttribute('aria-current', 'page');
  expect(screen.getByLabelText('running')).toBeInTheDocument();
});

test('clicking a conversation opens it and the new button creates one', async () => {
  const { onSelect, onCreate } = setup();
  await userEvent.click(screen.getByText('New conversation'));
  expect(onSelect).toHaveBeenCalledWith('a');
  await userEvent.click(screen.getByTestId('new-conversation'));
  expect(onCreate).toHaveBeenCalledWith('python3');
});

test('a new conversation can be started in another kernel, chosen by its display name', async () => {
  const { onCreate } = setup();
  await userEvent.selectOptions(screen.getByLabelText('Kernel for a new conversation'), 'R');
  await userEvent.click(screen.getByTestId('new-conversation'));
  expect(onCreate).toHaveBeenCalledWith('ir');
});

test('with one kernelspec there is nothing to choose', () => {
  setup({ kernelspecs: [kernelspecs.kernelspecs[0]], default: 'python3' });
  expect(screen.queryByLabelText('Kernel for a new conversation')).not.toBeInTheDocument();
});

test('renaming takes the new title on Enter and Escape cancels', async () => {
  const { onRename } = setup();
  await userEvent.click(screen.getByLabelText('Rename Newest'));
  const input = screen.getByLabelText('Conversation title');
  await userEvent.clear(input);
  await userEvent.type(input, 'Sales 2024{Enter}');
  expect(onRename).toHaveBeenCalledWith('b', 'Sales 2024');
  await userEvent.click(screen.getByLabelText('Rename Newest'));
  await userEvent.type(screen.getByLabelText('Conversation title'), 'x{Escape}');
  expect(onRename).toHaveBeenCalledTimes(1);
});

test('deleting asks first, and "Keep" keeps the conversation', async () => {
  const { onDelete } = setup();
  const row = screen.getAllByTestId('conversation-item')[0];
  await userEvent.click(within(row).getByLabelText('Delete Newest'));
  await userEvent.click(within(row).getByText('Keep'));
  expect(onDelete).not.toHaveBeenCalled();
  await userEvent.click(within(row).getByLabelText('Delete Newest'));
  await userEvent.click(within(row).getByTestId('confirm-delete'));
  expect(onDelete).toHaveBeenCalledWith('b');
});
