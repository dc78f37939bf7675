import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ShownCell } from '../lib/chatState';
import { CellView } from './CellView';
import { InputField } from './InputField';

const cell: ShownCell = {
  kind: 'cell', id: 'c', code: 'print(1/0)', source: 'agent', status: 'error', executionCount: 4, durationMs: 35,
  outputs: [{ type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['ZeroDivisionError: division by zero'] }],
};

test('a cell shows its code, status, count, duration and outputs', () => {
  render(<CellView cell={cell} busy={false} onRun={() => {}} />);
  expect(screen.getByTestId('code')).toHaveTextContent('print(1/0)');
  expect(screen.getByTestId('cell-status')).toHaveTextContent('Error');
  expect(screen.getByTestId('cell-toggle')).toHaveTextContent('[4]');
  expect(screen.getByText('35 ms')).toBeInTheDocument();
  expect(screen.getByTestId('output-error')).toHaveTextContent('division by zero');
});

test('a running cell shows its time so far, from when it was made, and its duration once done', () => {
  vi.useFakeTimers();
  try {
    const running: ShownCell = { ...cell, status: 'running', outputs: [], durationMs: null, createdAt: Date.now() - 62_000 };
    const { rerender } = render(<CellView cell={running} busy onRun={() => {}} />);
    expect(screen.getByTestId('cell-duration')).toHaveTextContent('1 min 2 s');
    act(() => vi.advanceTimersByTime(3000));
    expect(screen.getByTestId('cell-duration')).toHaveTextContent('1 min 5 s');
    rerender(<CellView cell={{ ...running, status: 'ok', durationMs: 65_400 }} busy={false} onRun={() => {}} />);
    expect(screen.getByTestId('cell-duration')).toHaveTextContent('65.4 s');
  } finally {
    vi.useRealTimers();
  }
});

test('an approved proposal counts its time from when it starts running, not from when it was proposed', () => {
  vi.useFakeTimers();
  try {
    const proposed: ShownCell = { ...cell, status: 'proposed', outputs: [], durationMs: null, createdAt: Date.now() - 600_000 };
    const props = { busy: false, onRun: () => {}, onApprove: () => {}, onReject: () => {} };
    const { rerender } = render(<CellView cell={proposed} {...props} />);
    rerender(<CellView cell={{ ...proposed, status: 'running' }} {...props} />);
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByTestId('cell-duration')).toHaveTextContent('2 s');
  } finally {
    vi.useRealTimers();
  }
});

test('the code collapses and expands', async () => {
  render(<CellView cell={cell} busy={false} onRun={() => {}} />);
  await userEvent.click(screen.getByTestId('cell-toggle'));
  expect(screen.queryByTestId('code')).toBeNull();
  expect(screen.getByTestId('cell-toggle')).toHaveAttribute('aria-expanded', 'false');
  await userEvent.click(screen.getByTestId('cell-toggle'));
  expect(screen.getByTestId('code')).toBeInTheDocument();
});

test('editing the model\'s code and running it hands the new code over', async () => {
  const onRun = vi.fn();
  render(<CellView cell={cell} busy={false} onRun={onRun} />);
  await userEvent.click(screen.getByTestId('edit-cell'));
  const editor = screen.getByLabelText('Edit code');
  expect(editor).toHaveValue('print(1/0)');
  await userEvent.clear(editor);
  await userEvent.type(editor, 'print(1/1)');
  await userEvent.click(screen.getByTestId('run-code'));
  expect(onRun).toHaveBeenCalledWith('print(1/1)');
  expect(screen.queryByLabelText('Edit code')).toBeNull();
});

test('an edited cell cannot be run while something else runs', async () => {
  render(<CellView cell={cell} busy onRun={() => {}} />);
  await userEvent.click(screen.getByTestId('edit-cell'));
  expect(screen.getByTestId('run-code')).toBeDisabled();
});

test('copy puts the code on the clipboard', async () => {
  const user = userEvent.setup();
  render(<CellView cell={cell} busy={false} onRun={() => {}} />);
  await user.click(screen.getByTestId('copy'));
  await expect(navigator.clipboard.readText()).resolves.toBe('print(1/0)');
  expect(screen.getByTestId('copy')).toHaveTextContent('Copied');
});

test('a cell waiting for input shows its prompt and sends the typed answer once', async () => {
  const onAnswer = vi.fn();
  const waiting: ShownCell = { ...cell, status: 'running', outputs: [], input: { prompt: 'Name? ', password: false } };
  render(<CellView cell={waiting} busy onRun={() => {}} onAnswer={onAnswer} />);
  expect(screen.getByTestId('cell-input-prompt')).toHaveTextContent('Name?');
  const field = screen.getByTestId('cell-input-value');
  expect(field).toHaveAttribute('type', 'text');
  expect(field).toHaveFocus();
  await userEvent.type(field, 'Ada{Enter}');
  expect(onAnswer).toHaveBeenCalledWith('Ada');
  expect(screen.getByTestId('cell-input-send')).toBeDisabled();
});

test('a password prompt masks the answer and asks the browser not to remember it', () => {
  render(<InputField input={{ prompt: 'Password: ', password: true }} onAnswer={() => {}} />);
  expect(screen.getByTestId('cell-input-value')).toHaveAttribute('type', 'password');
  expect(screen.getByTestId('cell-input-value')).toHaveAttribute('autocomplete', 'new-password');
});

test('a cell that waits for nothing shows no input field', async () => {
  render(<CellView cell={cell} busy={false} onRun={() => {}} onAnswer={() => {}} />);
  await waitFor(() => expect(screen.getByTestId('code').querySelector('.hljs')).not.toBeNull());
  expect(screen.queryByTestId('cell-input')).toBeNull();
});

const proposed: ShownCell = { ...cell, status: 'proposed', outputs: [], executionCount: null, code: 'print(1)' };

test('a proposed cell runs as written when approved unchanged', async () => {
  const onApprove = vi.fn();
  render(<CellView cell={proposed} busy onRun={() => {}} onApprove={onApprove} onReject={() => {}} />);
  expect(screen.getByTestId('cell-status')).toHaveTextContent('Waiting for your approval');
  await userEvent.click(screen.getByTestId('run-code'));
  expect(onApprove).toHaveBeenCalledWith(undefined);
  expect(screen.getByTestId('reject-cell')).toBeDisabled();
});

test('a proposed cell edited before the approval hands over the edited code', async () => {
  const onApprove = vi.fn();
  render(<CellView cell={proposed} busy onRun={() => {}} onApprove={onApprove} onReject={() => {}} />);
  const editor = screen.getByLabelText('Proposed code');
  await userEvent.clear(editor);
  await userEvent.type(editor, 'print(2)');
  await userEvent.click(screen.getByTestId('run-code'));
  expect(onApprove).toHaveBeenCalledWith('print(2)');
});

test('rejecting a proposed cell hands over the reason', async () => {
  const onReject = vi.fn();
  render(<CellView cell={proposed} busy onRun={() => {}} onApprove={() => {}} onReject={onReject} />);
  await userEvent.type(screen.getByTestId('reject-reason'), 'not now');
  await userEvent.click(screen.getByTestId('reject-cell'));
  expect(onReject).toHaveBeenCalledWith('not now');
});
