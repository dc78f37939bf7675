import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Composer } from './Composer';

function setup(over: Partial<Parameters<typeof Composer>[0]> = {}) {
  const props = {
    canAsk: true, running: false,
    onSend: vi.fn(async () => true), onRun: vi.fn(), onStop: vi.fn(), onAttach: vi.fn(),
    ...over,
  };
  render(<Composer {...props} />);
  return props;
}

test('Enter sends the message and Shift+Enter adds a new line', async () => {
  const { onSend } = setup();
  const input = screen.getByLabelText('Message');
  await userEvent.type(input, 'first line{Shift>}{Enter}{/Shift}second line');
  expect(onSend).not.toHaveBeenCalled();
  await userEvent.type(input, '{Enter}');
  expect(onSend).toHaveBeenCalledWith('first line\nsecond line');
  expect(input).toHaveValue('');
});

test('a message the server refused comes back into the box', async () => {
  setup({ onSend: vi.fn(async () => false) });
  const input = screen.getByLabelText('Message');
  await userEvent.type(input, 'analyse this{Enter}');
  expect(input).toHaveValue('analyse this');
});

test('blank messages are not sent', async () => {
  const { onSend } = setup();
  await userEvent.type(screen.getByLabelText('Message'), '   {Enter}');
  expect(onSend).not.toHaveBeenCalled();
  expect(screen.getByTestId('send')).toBeDisabled();
});

test('while a turn runs the Stop button replaces Send', async () => {
  const { onStop, onSend } = setup({ running: true });
  expect(screen.queryByTestId('send')).toBeNull();
  await userEvent.type(screen.getByLabelText('Message'), 'more{Enter}');
  expect(onSend).not.toHaveBeenCalled();
  await userEvent.click(screen.getByRole('button', { name: 'Stop (Esc)' }));
  expect(onStop).toHaveBeenCalledOnce();
});

test('without a model the composer runs code directly and Ask is disabled', async () => {
  const { onRun } = setup({ canAsk: false });
  expect(screen.getByTestId('mode-ask')).toBeDisabled();
  const code = screen.getByLabelText('Python code');
  await userEvent.type(code, 'x = 1{Enter}print(x)');
  expect(onRun).not.toHaveBeenCalled();
  await userEvent.type(code, '{Shift>}{Enter}{/Shift}');
  expect(onRun).toHaveBeenCalledWith('x = 1\nprint(x)');
  expect(screen.getByLabelText('Python code')).toHaveValue('');
});

test('the person can switch to running code even when a model is there', async () => {
  const { onRun } = setup();
  await userEvent.click(screen.getByTestId('mode-code'));
  await userEvent.type(screen.getByLabelText('Python code'), '1+1');
  await userEvent.click(screen.getByTestId('run-code'));
  expect(onRun).toHaveBeenCalledWith('1+1');
});

test('files picked with the upload button are handed over', async () => {
  const { onAttach } = setup();
  const file = new File(['a'], 'a.csv');
  await userEvent.upload(screen.getByTestId('file-input'), file);
  expect(onAttach).toHaveBeenCalledWith([file]);
});
