import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Item, KernelspecList, ModelList, SandboxInfo, Transcript } from '../lib/types';
import { FakeEventSource } from '../test/fakeEventSource';
import { ChatPanel } from './ChatPanel';
import { OutputView } from './OutputView';

// The real OutputView, counted: which outputs render, and how often.
vi.mock('./OutputView', async (importOriginal) => {
  const real = await importOriginal<typeof import('./OutputView')>();
  return { OutputView: vi.fn(real.OutputView) };
});


const models: ModelList = {
  models: [{ id: 'gpt', provider: 'openai', displayName: 'GPT', tools: true, vision: false }],
  default: 'gpt', configured: true, help: '',
};

const kernelspecs: KernelspecList = {
  kernelspecs: [{ name: 'python3', displayName: 'Python 3', language: 'python' }, { name: 'ir', displayName: 'R', language: 'R' }],
  default: 'python3',
};

const sandboxOn: SandboxInfo = { sandbox: 'on', reason: 'bubblewrap: own file system view, PID namespace and limits', networkByDefault: false };

let transcript: Transcript;
/** What the server answers for the items before the first page's (GET …?limit=50&before=…). */
let earlier: { items: Item[]; hasEarlier: boolean };
let transcriptLoads = 0;
let requests: string[] = [];
let patches: unknown[] = [];

beforeEach(() => {
  FakeEventSource.instances = [];
  transcriptLoads = 0;
  requests = [];
  patches = [];
  window.sessionStorage.clear();
  transcript = {
    id: 'c1', title: 'Analysis', model: 'gpt', createdAt: 1, updatedAt: 1, running: false, network: false, kernelspec: 'python3',
    items: [{ kind: 'message', id: 'u1', role: 'user', text: 'old question' }],
    files: [{ name: 'data.csv', size: 2048, modified: 1 }], kernel: { status: 'idle', sandbox: 'on', network: false }, lastEventId: 3,
  };
  earlier = { items: [], hasEarlier: false };
  vi.mocked(OutputView).mockClear();
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push(`${init.method} ${url}`);
    if (init.method === 'GET' && url === '/api/conversations/c1?limit=50') {
      transcriptLoads++;
      return Response.json(transcript);
    }
    if (init.method === 'GET' && url.startsWith('/api/conversations/c1?limit=50&before=')) {
      return Response.json({ ...transcript, ...earlier });
    }
    if (url.endsWith('/messages')) return Response.json({ turnId: 't1' }, { status: 202 });
    if (init.method === 'PATCH') {
      const change = JSON.parse(String(init.body)) as object;
      patches.push(change);
      const { items: _items, files: _files, kernel: _kernel, lastEventId: _last, ...conversation } = transcript;
      return Response.json({ ...conversation, ...change });
    }
    return new Response(null, { status: 204 });
  });
});

afterEach(() => vi.unstubAllGlobals());

/** Renders the panel and waits for its stream, which opens once the transcript (and `shown` in it) is in. */
async function openPanel(sandbox: SandboxInfo = sandboxOn, shown = 'old question') {
  render(<ChatPanel conversationId="c1" models={models} sandbox={sandbox} kernelspecs={kernelspecs} onConversation={() => {}} />);
  await screen.findAllByText(shown, { exact: false });
  const source = FakeEventSource.latest();
  expect(source.url).toBe('/api/conversations/c1/events?lastEventId=3');
  return source;
}

test('the stream opens after the transcript, from its last event id, and skips events the transcript holds', async () => {
  const source = await openPanel();
  expect(FakeEventSource.instances).toHaveLength(1);
  act(() => {
    source.open();
    // The transcript already holds id 3: applying it again would double the text. Id 4 is new and must show.
    source.emit('text_delta', 3, { messageId: 'u1', delta: ' again' });
    source.emit('message', 4, { kind: 'message', id: 'u2', role: 'user', text: 'new question' });
  });
  await screen.findByText('new question');
  expect(screen.getByText('old question')).toBeInTheDocument();
  expect(screen.queryByText(/again/)).toBeNull();
  expect(screen.getByTestId('file-chip')).toHaveTextContent('data.csv');
  expect(screen.getByTestId('file-chip')).toHaveTextContent('2.0 KB');
});

test('a turn streams text, runs a cell with outputs and ends', async () => {
  const source = await openPanel();
  act(() => source.open());
  act(() => {
    source.emit('turn_start', 4, { turnId: 't1' });
    source.emit('text_delta', 5, { messageId: 'a1', delta: 'Let me ' });
    source.emit('text_delta', 6, { messageId: 'a1', delta: 'compute.' });
    source.emit('cell_start', 7, { kind: 'cell', id: 'x', code: 'print(6*7)', source: 'agent', status: 'running', outputs: [] });
    source.emit('output', 8, { cellId: 'x', output: { type: 'stream', name: 'stdout', text: '42\n' } });
  });
  expect(screen.getByText('Let me compute.')).toBeInTheDocument();
  expect(screen.getByTestId('cell')).toHaveAttribute('data-status', 'running');
  expect(screen.getByTestId('stop')).toBeInTheDocument();
  act(() => {
    source.emit('cell_end', 9, { cellId: 'x', status: 'ok', executionCount: 1, durationMs: 5 });
    source.emit('message', 10, { kind: 'message', id: 'a2', role: 'assistant', text: 'The answer is **42**.' });
    source.emit('turn_end', 11, { turnId: 't1', reason: 'done' });
  });
  expect(screen.getByTestId('output-stdout')).toHaveTextContent('42');
  expect(screen.getByTestId('cell')).toHaveAttribute('data-status', 'ok');
  expect(screen.getByText('42', { selector: 'strong' })).toBeInTheDocument();
  expect(screen.queryByTestId('stop')).toBeNull();
});

test('Escape stops a running turn', async () => {
  const source = await openPanel();
  act(() => source.open());
  act(() => source.emit('turn_start', 4, { turnId: 't1' }));
  await userEvent.keyboard('{Escape}');
  await waitFor(() => expect(requests).toContain('POST /api/conversations/c1/stop'));
});

test('sending a message posts it to the conversation', async () => {
  const source = await openPanel();
  act(() => source.open());
  await userEvent.type(screen.getByLabelText('Message'), 'plot a sine wave{Enter}');
  await waitFor(() => expect(requests).toContain('POST /api/conversations/c1/messages'));
});

test('a reset event reloads the transcript and reconnects from its new last event id', async () => {
  const source = await openPanel();
  act(() => source.open());
  transcript = { ...transcript, items: [...transcript.items, { kind: 'message', id: 'a9', role: 'assistant', text: 'missed while away' }], lastEventId: 500 };
  act(() => source.emit('reset', 501, {}));
  await screen.findByText('missed while away');
  expect(transcriptLoads).toBe(2);
  expect(source.readyState).toBe(FakeEventSource.CLOSED);
  const again = FakeEventSource.latest();
  expect(again).not.toBe(source);
  expect(again.url).toBe('/api/conversations/c1/events?lastEventId=500');
  act(() => {
    again.open();
    again.emit('message', 501, { kind: 'message', id: 'u3', role: 'user', text: 'after the reset' });
  });
  expect(screen.getByText('after the reset')).toBeInTheDocument();
});

test('a server error event shows as a banner the person can dismiss', async () => {
  const source = await openPanel();
  act(() => source.open());
  act(() => source.emit('error', 4, { code: 'llm:authentication', message: 'The API key was rejected.' }));
  expect(screen.getByTestId('error-banner')).toHaveTextContent('The API key was rejected.');
  await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByTestId('error-banner')).toBeNull();
});

test('when the stream cannot connect the transcript still shows and the page says live updates are lost', async () => {
  const source = await openPanel();
  act(() => source.fail(true));
  expect(screen.getByText('old question')).toBeInTheDocument();
  expect(screen.getByText(/Live updates lost/)).toBeInTheDocument();
});

test('a dead kernel shows a notice with a restart button until the kernel is back', async () => {
  const source = await openPanel();
  act(() => source.open());
  act(() => source.emit('kernel', 4, { status: 'dead', sandbox: 'on', network: false }));
  expect(screen.getByTestId('kernel-status')).toHaveAttribute('data-status', 'dead');
  expect(screen.getByTestId('kernel-notice')).toHaveTextContent('died');
  expect(within(screen.getByTestId('kernel-notice')).getByRole('button', { name: 'Restart kernel' })).toBeInTheDocument();
  act(() => source.emit('kernel', 5, { status: 'restarting', sandbox: 'on', network: false }));
  expect(screen.getByTestId('kernel-notice')).toBeInTheDocument();
  act(() => source.emit('kernel', 6, { status: 'idle', sandbox: 'on', network: false }));
  expect(screen.queryByTestId('kernel-notice')).toBeNull();
});

test('a kernel stopped while idle shows as not running, without a notice of death', async () => {
  const source = await openPanel();
  act(() => {
    source.open();
    source.emit('kernel', 4, { status: 'stopped', sandbox: 'on', network: false });
  });
  expect(screen.getByTestId('kernel-status')).toHaveAttribute('data-status', 'stopped');
  expect(screen.getByTestId('kernel-status')).toHaveTextContent('Kernel not running');
  expect(screen.queryByTestId('kernel-notice')).toBeNull();
  act(() => source.emit('kernel', 5, { status: 'starting', sandbox: 'on', network: false }));
  expect(screen.getByTestId('kernel-status')).toHaveTextContent('Kernel starting');
});

test('without a model the notice says how to configure one', async () => {
  render(<ChatPanel conversationId="c1" models={{ models: [], default: null, configured: false, help: 'Set OPENAI_API_KEY.' }} sandbox={sandboxOn} kernelspecs={kernelspecs} onConversation={() => {}} />);
  expect(await screen.findByTestId('no-model-notice')).toHaveTextContent('Set OPENAI_API_KEY.');
  // The notice shows while the transcript still loads; the composer comes with the transcript.
  expect(await screen.findByLabelText('Python code')).toBeInTheDocument();
});

test('the sidebar hears when a turn starts and ends', async () => {
  const changes: unknown[] = [];
  render(<ChatPanel conversationId="c1" models={models} sandbox={sandboxOn} kernelspecs={kernelspecs} onConversation={(c) => changes.push(c)} />);
  await screen.findByText('old question');
  const source = FakeEventSource.latest();
  act(() => source.open());
  act(() => source.emit('turn_start', 4, { turnId: 't1' }));
  act(() => source.emit('turn_end', 5, { turnId: 't1', reason: 'stopped' }));
  expect(changes).toEqual([{ id: 'c1', running: false }, { id: 'c1', running: true }, { id: 'c1', running: false }]);
  expect(screen.getByTestId('turn-end')).toHaveTextContent('Stopped.');
});

test('the header shows a sandboxed kernel, without a network, and no warning', async () => {
  await openPanel();
  expect(screen.getByTestId('kernel-sandbox')).toHaveTextContent('Sandboxed');
  expect(screen.getByTestId('kernel-sandbox')).toHaveAttribute('title', sandboxOn.reason);
  expect(screen.getByTestId('kernel-network')).not.toBeChecked();
  expect(screen.getByTestId('kernel-network')).toBeEnabled();
  expect(screen.queryByTestId('sandbox-warning')).toBeNull();
});

test('turning the network on asks first, sends {network: true}, and the restart comes back as events', async () => {
  const source = await openPanel();
  act(() => source.open());
  await userEvent.click(screen.getByTestId('kernel-network'));
  expect(patches).toEqual([]);
  await userEvent.click(screen.getByTestId('network-confirm-restart'));
  await waitFor(() => expect(patches).toEqual([{ network: true }]));
  expect(requests).toContain('PATCH /api/conversations/c1');
  act(() => {
    source.emit('message', 4, { kind: 'message', id: 'n1', role: 'notice', text: "The kernel's network is now on, so the kernel restarted." });
    source.emit('kernel', 5, { status: 'restarting', sandbox: 'on', network: true });
    source.emit('kernel', 6, { status: 'idle', sandbox: 'on', network: true });
  });
  expect(screen.getByTestId('message-notice')).toHaveTextContent('network is now on');
  expect(screen.getByTestId('kernel-network')).toBeChecked();
});

test('with the kernel stopped the switch changes at once, shown from the answer (no kernel event comes)', async () => {
  transcript = { ...transcript, kernel: { status: 'stopped', sandbox: 'on', network: false } };
  await openPanel();
  await userEvent.click(screen.getByTestId('kernel-network'));
  await waitFor(() => expect(screen.getByTestId('kernel-network')).toBeChecked());
  expect(patches).toEqual([{ network: true }]);
});

test('unconfined, the switch is disabled and a banner says why, until dismissed for the session', async () => {
  const off: SandboxInfo = {
    sandbox: 'off', reason: 'bubblewrap cannot confine kernels here: /usr/bin/bwrap is not installed', networkByDefault: true,
  };
  transcript = { ...transcript, network: false, kernel: { status: 'idle', sandbox: 'off', network: true } };
  const { unmount } = render(<ChatPanel conversationId="c1" models={models} sandbox={off} kernelspecs={kernelspecs} onConversation={() => {}} />);
  await screen.findByText('old question');
  expect(screen.getByTestId('kernel-sandbox')).toHaveAttribute('data-sandbox', 'off');
  expect(screen.getByTestId('kernel-sandbox')).toHaveAttribute('title', off.reason);
  expect(screen.getByTestId('kernel-network')).toBeChecked();
  expect(screen.getByTestId('kernel-network')).toBeDisabled();
  expect(screen.getByTestId('sandbox-warning')).toHaveTextContent('Bubblewrap cannot confine kernels here: /usr/bin/bwrap is not installed.');
  await userEvent.click(within(screen.getByTestId('sandbox-warning')).getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByTestId('sandbox-warning')).toBeNull();
  unmount();
  // Another conversation, or a reload, in the same session: still dismissed, while the badge still warns.
  render(<ChatPanel conversationId="c1" models={models} sandbox={off} kernelspecs={kernelspecs} onConversation={() => {}} />);
  await screen.findByText('old question');
  expect(screen.getByTestId('kernel-sandbox')).toHaveTextContent('Not sandboxed');
  expect(screen.queryByTestId('sandbox-warning')).toBeNull();
});

test('the header names the conversation\'s kernel, and code runs in its language', async () => {
  transcript = { ...transcript, kernelspec: 'ir' };
  render(<ChatPanel conversationId="c1" models={{ models: [], default: null, configured: false, help: '' }} sandbox={sandboxOn} kernelspecs={kernelspecs} onConversation={() => {}} />);
  expect(await screen.findByTestId('kernelspec')).toHaveTextContent('R');
  expect(screen.getByLabelText('R code')).toBeInTheDocument();
});

test('the newest items open first, and reaching the first reads the page before it, in front', async () => {
  transcript = { ...transcript, hasEarlier: true };
  earlier = { items: [{ kind: 'message', id: 'u0', role: 'user', text: 'the very first question' }], hasEarlier: false };
  await openPanel();
  await screen.findByText('the very first question');
  expect(requests).toContain('GET /api/conversations/c1?limit=50&before=u1');
  const messages = screen.getAllByTestId('message-user').map((m) => m.textContent);
  expect(messages).toEqual(['the very first question', 'old question']);
  expect(requests.filter((r) => r.includes('before='))).toHaveLength(1);
});

test('output streaming into the last cell renders only that cell\'s outputs again', async () => {
  const cell = (id: string, text: string, status: 'ok' | 'running' = 'ok'): Item => ({
    kind: 'cell', id, code: `print('${text}')`, source: 'user', status, outputs: [{ type: 'stream', name: 'stdout', text }],
  });
  transcript = { ...transcript, items: [cell('a', 'first'), cell('b', 'second'), cell('c', 'tick 0\n', 'running')] };
  const source = await openPanel(sandboxOn, 'tick 0');
  act(() => source.open());
  const rendered = vi.mocked(OutputView);
  rendered.mockClear();
  for (let i = 1; i <= 5; i++) {
    act(() => source.emit('output', 3 + i, { cellId: 'c', output: { type: 'stream', name: 'stdout', text: `tick ${i}\n` } }));
  }
  expect(screen.getAllByTestId('output-stdout')[2]).toHaveTextContent('tick 5');
  const texts = rendered.mock.calls.map(([props]) => (props.output.type === 'stream' ? props.output.text : props.output.type));
  expect(texts).toHaveLength(5);
  expect(texts.every((t) => t.startsWith('tick 0'))).toBe(true);
});
