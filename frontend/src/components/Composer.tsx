import { useRef, useState, type KeyboardEvent } from 'react';
import { CodeEditor } from './CodeEditor';

type Mode = 'ask' | 'code';

interface Props {
  canAsk: boolean;
  running: boolean;
  /** The kernel's language as the person knows it, e.g. "R"; Python's when not known yet. */
  language?: string;
  /** Resolves false when the message was not accepted; the text then returns to the box. */
  onSend: (text: string) => Promise<boolean>;
  onRun: (code: string) => void;
  onStop: () => void;
  onAttach: (files: File[]) => void;
}

/**
 * The input at the bottom: ask the model (Enter sends, Shift+Enter is a newline) or run code in the
 * conversation's kernel directly, which is all there is when no model is configured.
 */
export function Composer({ canAsk, running, language = 'Python', onSend, onRun, onStop, onAttach }: Props) {
  const [chosen, setMode] = useState<Mode>('ask');
  const mode: Mode = canAsk ? chosen : 'code';
  const [text, setText] = useState('');
  const [codeKey, setCodeKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const send = async () => {
    const message = text.trim();
    if (!message || running) return;
    setText('');
    if (!(await onSend(message))) setText((current) => current || message);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const upload = (
    <>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          onAttach(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <button type="button" aria-label="Upload files" data-testid="upload" onClick={() => fileInput.current?.click()}>
        Upload
      </button>
    </>
  );
  const stop = (
    <button type="button" className="danger" aria-label="Stop (Esc)" data-testid="stop" onClick={onStop}>
      Stop
    </button>
  );

  return (
    <div className="composer" data-testid="composer">
      <div className="composer-modes" role="tablist" aria-label="Input mode">
        <button type="button" role="tab" aria-selected={mode === 'ask'} disabled={!canAsk} onClick={() => setMode('ask')}
          data-testid="mode-ask" title={canAsk ? 'Ask the model' : 'No model is configured'}>
          Ask
        </button>
        <button type="button" role="tab" aria-selected={mode === 'code'} onClick={() => setMode('code')} data-testid="mode-code">
          Run code
        </button>
      </div>
      <div className="composer-body">
        {mode === 'ask' ? (
          <>
            <textarea
              aria-label="Message"
              data-testid="message-input"
              value={text}
              rows={Math.min(10, Math.max(2, text.split('\n').length))}
              placeholder="Ask for an analysis, a plot, a file… (Enter sends, Shift+Enter for a new line)"
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
            />
            <div className="composer-actions">
              {upload}
              {running ? stop : (
                <button type="button" className="primary" data-testid="send" disabled={!text.trim()} onClick={() => void send()}>
                  Send
                </button>
              )}
            </div>
          </>
        ) : (
          // The code box takes the whole width; Upload (and Stop) join Run in its row of actions.
          <CodeEditor key={codeKey} busy={running} label={`${language} code`} onRun={(code) => { onRun(code); setCodeKey(codeKey + 1); }}>
            {upload}
            {running && stop}
          </CodeEditor>
        )}
      </div>
    </div>
  );
}
