import { useState, type FormEvent } from 'react';
import type { InputPrompt } from '../lib/types';

/**
 * The answer to a cell's input() or getpass(), typed where the cell waits. A password is masked and the
 * browser is asked not to remember it; Enter sends.
 */
export function InputField({ input, onAnswer }: { input: InputPrompt; onAnswer: (value: string) => void }) {
  const [value, setValue] = useState('');
  const [sent, setSent] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (sent) return;
    setSent(true);
    setValue('');
    onAnswer(value);
  };
  return (
    <form className="cell-input" data-testid="cell-input" onSubmit={submit}>
      <label>
        <span className="cell-input-prompt" data-testid="cell-input-prompt">{input.prompt || 'Input'}</span>
        <input
          type={input.password ? 'password' : 'text'}
          autoComplete={input.password ? 'new-password' : 'off'}
          data-testid="cell-input-value"
          value={value}
          disabled={sent}
          autoFocus
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" className="small-button" disabled={sent} data-testid="cell-input-send">Send</button>
    </form>
  );
}
