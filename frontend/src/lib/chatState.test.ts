import { applyEvent, fromTranscript, withCell, withEarlier, type ChatState, type ShownCell } from './chatState';
import type { Cell, Conversation, Kernel, KernelStatus, ServerEvent, Transcript } from './types';

function transcript(over: Partial<Transcript> = {}): Transcript {
  return {
    id: 'c1', title: 'T', model: null, createdAt: 1, updatedAt: 1, running: false, network: false, kernelspec: 'python3',
    items: [], files: [], kernel: kernel('idle'), lastEventId: 5, ...over,
  };
}

const kernel = (status: KernelStatus, over: Partial<Kernel> = {}): Kernel => ({ status, sandbox: 'on', network: false, ...over });

const conversation = (over: Partial<Conversation> = {}): Conversation => ({
  id: 'c1', title: 'T', model: null, createdAt: 1, updatedAt: 2, running: false, network: false, kernelspec: 'python3', ...over,
});

const cell = (id: string, over: Partial<Cell> = {}): Cell => ({
  kind: 'cell', id, code: 'print(1)', source: 'agent', status: 'running', outputs: [], ...over,
});

function apply(state: ChatState, ...events: Array<[number, ServerEvent]>): ChatState {
  return events.reduce((s, [id, e]) => applyEvent(s, e, id), state);
}

const cellIn = (s: ChatState, id: string) => s.items.find((i) => i.id === id) as ShownCell;

test('text deltas build the assistant message and the complete message replaces it', () => {
  const s = apply(fromTranscript(transcript()),
    [6, { type: 'text_delta', data: { messageId: 'm1', delta: 'Hel' } }],
    [7, { type: 'text_delta', data: { messageId: 'm1', delta: 'lo' } }]);
  expect(s.items).toEqual([{ kind: 'message', id: 'm1', role: 'assistant', text: 'Hello' }]);
  const done = apply(s, [8, { type: 'message', data: { kind: 'message', id: 'm1', role: 'assistant', text: 'Hello!' } }]);
  expect(done.items).toHaveLength(1);
  expect(done.items[0]).toMatchObject({ text: 'Hello!' });
  expect(done.lastEventId).toBe(8);
});

test('events at or before the last seen id are ignored, so a replay adds nothing twice', () => {
  const s = fromTranscript(transcript({ lastEventId: 10 }));
  const replayed = applyEvent(s, { type: 'message', data: { kind: 'message', id: 'u', role: 'user', text: 'hi' } }, 10);
  expect(replayed).toBe(s);
  const fresh = applyEvent(s, { type: 'message', data: { kind: 'message', id: 'u', role: 'user', text: 'hi' } }, 11);
  expect(fresh.items).toHaveLength(1);
});

test('consecutive stream outputs of the same name merge and a different stream starts a new output', () => {
  const s = apply(fromTranscript(transcript()),
    [6, { type: 'cell_start', data: cell('x') }],
    [7, { type: 'output', data: { cellId: 'x', output: { type: 'stream', name: 'stdout', text: 'a\n' } } }],
    [8, { type: 'output', data: { cellId: 'x', output: { type: 'stream', name: 'stdout', text: 'b\n' } } }],
    [9, { type: 'output', data: { cellId: 'x', output: { type: 'stream', name: 'stderr', text: 'warn\n' } } }],
    [10, { type: 'cell_end', data: { cellId: 'x', status: 'ok', executionCount: 3, durationMs: 12 } }]);
  const x = cellIn(s, 'x');
  expect(x.outputs).toEqual([
    { type: 'stream', name: 'stdout', text: 'a\nb\n' },
    { type: 'stream', name: 'stderr', text: 'warn\n' },
  ]);
  expect(x).toMatchObject({ status: 'ok', executionCount: 3, durationMs: 12 });
});

test('clear_output with wait clears only when the next output arrives', () => {
  const s = apply(fromTranscript(transcript()),
    [6, { type: 'cell_start', data: cell('x') }],
    [7, { type: 'output', data: { cellId: 'x', output: { type: 'stream', name: 'stdout', text: '10%' } } }],
    [8, { type: 'output', data: { cellId: 'x', output: { type: 'clear_output', wait: true } } }]);
  expect(cellIn(s, 'x').outputs).toHaveLength(1);
  const next = apply(s, [9, { type: 'output', data: { cellId: 'x', output: { type: 'stream', name: 'stdout', text: '20%' } } }]);
  expect(cellIn(next, 'x').outputs).toEqual([{ type: 'stream', name: 'stdout', text: '20%' }]);
  const cleared = apply(next, [10, { type: 'output', data: { cellId: 'x', output: { type: 'clear_output', wait: false } } }]);
  expect(cellIn(cleared, 'x').outputs).toEqual([]);
});

test('update_display_data changes the display with that id even in an earlier cell', () => {
  const s = apply(fromTranscript(transcript()),
    [6, { type: 'cell_start', data: cell('a') }],
    [7, { type: 'output', data: { cellId: 'a', output: { type: 'display_data', data: { 'text/plain': 'v1' }, metadata: {}, displayId: 'd' } } }],
    [8, { type: 'cell_start', data: cell('b') }],
    [9, { type: 'output', data: { cellId: 'b', output: { type: 'update_display_data', data: { 'text/plain': 'v2' }, metadata: {}, displayId: 'd' } } }]);
  expect(cellIn(s, 'a').outputs).toEqual([{ type: 'display_data', data: { 'text/plain': 'v2' }, metadata: {}, displayId: 'd' }]);
  expect(cellIn(s, 'b').outputs).toEqual([]);
});

test('a stored transcript gets the same folding as live events', () => {
  const s = fromTranscript(transcript({
    items: [cell('a', {
      status: 'ok',
      outputs: [
        { type: 'stream', name: 'stdout', text: 'x' },
        { type: 'stream', name: 'stdout', text: 'y' },
        { type: 'clear_output', wait: false },
        { type: 'stream', name: 'stdout', text: 'z' },
      ],
    })],
  }));
  expect(cellIn(s, 'a').outputs).toEqual([{ type: 'stream', name: 'stdout', text: 'z' }]);
});

test('file events add, replace and remove chips, kept in name order', () => {
  const s = apply(fromTranscript(transcript({ files: [{ name: 'b.csv', size: 1, modified: 1 }] })),
    [6, { type: 'file', data: { change: 'created', file: { name: 'a.csv', size: 2, modified: 2 } } }],
    [7, { type: 'file', data: { change: 'modified', file: { name: 'b.csv', size: 9, modified: 3 } } }]);
  expect(s.files.map((f) => [f.name, f.size])).toEqual([['a.csv', 2], ['b.csv', 9]]);
  const after = apply(s, [8, { type: 'file', data: { change: 'deleted', file: { name: 'a.csv', size: 2, modified: 2 } } }]);
  expect(after.files.map((f) => f.name)).toEqual(['b.csv']);
});

test('a dead kernel raises a notice that goes once the kernel is idle again', () => {
  const s = apply(fromTranscript(transcript()), [6, { type: 'kernel', data: kernel('dead') }]);
  expect(s).toMatchObject({ kernel: { status: 'dead' }, kernelNotice: 'died' });
  const back = apply(s, [7, { type: 'kernel', data: kernel('restarting') }], [8, { type: 'kernel', data: kernel('idle') }]);
  expect(back).toMatchObject({ kernel: { status: 'idle' }, kernelNotice: null });
  const plain = apply(fromTranscript(transcript()), [6, { type: 'kernel', data: kernel('busy') }]);
  expect(plain.kernelNotice).toBeNull();
});

test('turns mark the conversation running until they end, and errors are kept for the page', () => {
  const s = apply(fromTranscript(transcript()), [6, { type: 'turn_start', data: { turnId: 't' } }]);
  expect(s.running).toBe(true);
  const failed = apply(s,
    [7, { type: 'error', data: { code: 'unavailable:no_model', message: 'No model' } }],
    [8, { type: 'turn_end', data: { turnId: 't', reason: 'error' } }]);
  expect(failed).toMatchObject({ running: false, lastTurnEnd: 'error', error: { code: 'unavailable:no_model' } });
});

test('a conversation event updates the title', () => {
  const s = apply(fromTranscript(transcript()), [6, { type: 'conversation', data: conversation({ title: 'Sales analysis', model: 'm' }) }]);
  expect(s.conversation).toMatchObject({ title: 'Sales analysis', model: 'm' });
});

test('the transcript and kernel events carry whether the kernel is sandboxed and has a network', () => {
  const s = fromTranscript(transcript({ kernel: kernel('stopped', { sandbox: 'off', network: true }) }));
  expect(s.kernel).toEqual({ status: 'stopped', sandbox: 'off', network: true });
  const restarted = apply(fromTranscript(transcript()), [6, { type: 'kernel', data: kernel('idle', { network: true }) }]);
  expect(restarted.kernel).toEqual({ status: 'idle', sandbox: 'on', network: true });
});

test('the network switch moving shows on a stopped kernel, which sends no kernel event of its own', () => {
  const s = apply(fromTranscript(transcript({ kernel: kernel('stopped') })),
    [6, { type: 'conversation', data: conversation({ network: true }) }]);
  expect(s.kernel).toEqual({ status: 'stopped', sandbox: 'on', network: true });
  expect(s.conversation.network).toBe(true);
});

test('an unconfined kernel has the network whatever the conversation chose', () => {
  const s = apply(fromTranscript(transcript({ kernel: kernel('idle', { sandbox: 'off', network: true }) })),
    [6, { type: 'conversation', data: conversation({ network: false }) }]);
  expect(s.kernel.network).toBe(true);
});

test('a finished cell returned by execute fills in a cell the events missed, or replaces the live one', () => {
  const finished = cell('x', { status: 'ok', outputs: [{ type: 'stream', name: 'stdout', text: '4' }, { type: 'stream', name: 'stdout', text: '2' }] });
  const missed = withCell(fromTranscript(transcript()), finished);
  expect(cellIn(missed, 'x').outputs).toEqual([{ type: 'stream', name: 'stdout', text: '42' }]);
  const live = apply(fromTranscript(transcript()), [6, { type: 'cell_start', data: cell('x') }]);
  const replaced = withCell(live, finished);
  expect(replaced.items).toHaveLength(1);
  expect(cellIn(replaced, 'x').status).toBe('ok');
});

test('events of a cell that the execute answer already finished arrive late and change nothing', () => {
  const latex = { type: 'display_data', data: { 'text/latex': '$x$' }, metadata: {} } as const;
  const started = apply(fromTranscript(transcript()), [6, { type: 'cell_start', data: cell('x', { source: 'user' }) }]);
  const answered = withCell(started, cell('x', { source: 'user', status: 'ok', executionCount: 1, durationMs: 3, outputs: [latex] }));
  const late = apply(answered,
    [7, { type: 'output', data: { cellId: 'x', output: latex } }],
    [8, { type: 'cell_end', data: { cellId: 'x', status: 'ok', executionCount: 1, durationMs: 3 } }]);
  expect(cellIn(late, 'x').status).toBe('ok');
  expect(cellIn(late, 'x').outputs).toEqual([latex]);
  expect(late.lastEventId).toBe(8);
  // A start replayed after the answer does not turn the finished cell back into a running one.
  const replayedStart = applyEvent(answered, { type: 'cell_start', data: cell('x', { source: 'user' }) }, 9);
  expect(cellIn(replayedStart, 'x')).toMatchObject({ status: 'ok', outputs: [latex] });
});

test('run all starts finished cells again in place, and shows their new outputs as they come', () => {
  const old = { type: 'stream', name: 'stdout', text: 'old\n' } as const;
  const done = fromTranscript(transcript({ items: [cell('x', { status: 'ok', outputs: [old] })] }));
  const rerun = { ...done, rerun: ['x'] };
  const again = apply(rerun,
    [6, { type: 'cell_start', data: cell('x') }],
    [7, { type: 'output', data: { cellId: 'x', output: { type: 'stream', name: 'stdout', text: 'new\n' } } }]);
  expect(cellIn(again, 'x')).toMatchObject({ status: 'running', outputs: [{ text: 'new\n' }] });
  expect(again.rerun).toEqual([]);   // once started, a late replay of that start changes nothing again
  expect(again.items).toHaveLength(1);
});

test('a turn\'s tokens show as the last turn\'s and are added to the conversation\'s total', () => {
  const usage = { inputTokens: 24, outputTokens: 10, cachedInputTokens: 8 };
  const start = fromTranscript(transcript({ tokens: { inputTokens: 100, outputTokens: 50, cachedInputTokens: 0 } }));
  const ended = apply(start, [6, { type: 'turn_end', data: { turnId: 't', reason: 'done', usage } }]);
  expect(ended.lastTurnTokens).toEqual(usage);
  expect(ended.conversation.tokens).toEqual({ inputTokens: 124, outputTokens: 60, cachedInputTokens: 8 });
});

test('a turn\'s tokens are kept on the message that started it, and a priced turn adds its cost to the total', () => {
  const asked = { kind: 'message', id: 'm1', role: 'user', text: 'go' } as const;
  const start = fromTranscript(transcript({ items: [asked],
    tokens: { inputTokens: 100, outputTokens: 50, cachedInputTokens: 0, costUsd: 0.5 } }));
  const usage = { inputTokens: 24, outputTokens: 10, cachedInputTokens: 8, costUsd: 0.25 };
  const ended = apply(start, [6, { type: 'turn_end', data: { turnId: 't', reason: 'done', messageId: 'm1', usage } }]);
  expect(ended.items[0]).toMatchObject({ id: 'm1', usage });
  expect(ended.conversation.tokens).toEqual({ inputTokens: 124, outputTokens: 60, cachedInputTokens: 8, costUsd: 0.75 });
});

test('the total has a cost from a new conversation\'s first priced turn, and none once a turn has no price', () => {
  const priced = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, costUsd: 0.01 };
  const fresh = fromTranscript(transcript({ tokens: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 } }));
  const first = apply(fresh, [6, { type: 'turn_end', data: { turnId: 't1', reason: 'done', usage: priced } }]);
  expect(first.conversation.tokens?.costUsd).toBe(0.01);
  const free = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0 };
  const second = apply(first, [7, { type: 'turn_end', data: { turnId: 't2', reason: 'done', usage: free } }]);
  expect(second.conversation.tokens).toEqual({ inputTokens: 20, outputTokens: 10, cachedInputTokens: 0 });
});

test('a reloaded transcript shows its newest turn\'s tokens as the last turn\'s', () => {
  const usage = { inputTokens: 24, outputTokens: 10, cachedInputTokens: 0 };
  const loaded = fromTranscript(transcript({ items: [
    { kind: 'message', id: 'm1', role: 'user', text: 'old', usage: { ...usage, inputTokens: 1 } },
    { kind: 'message', id: 'm2', role: 'user', text: 'new', usage },
    { kind: 'message', id: 'm3', role: 'assistant', text: 'answer' }] }));
  expect(loaded.lastTurnTokens).toEqual(usage);
});

test('a cell asks for input, then stops asking once answered or ended', () => {
  const asking = apply(fromTranscript(transcript()),
    [6, { type: 'cell_start', data: cell('a') }],
    [7, { type: 'input_request', data: { cellId: 'a', prompt: 'Name? ', password: false } }]);
  expect(cellIn(asking, 'a').input).toEqual({ prompt: 'Name? ', password: false });
  expect(cellIn(apply(asking, [8, { type: 'input_end', data: { cellId: 'a' } }]), 'a').input).toBeNull();
  const ended = apply(asking, [8, { type: 'cell_end', data: { cellId: 'a', status: 'interrupted' } }]);
  expect(cellIn(ended, 'a').input).toBeNull();
});

test('a transcript loaded while a cell waits for input shows the question again', () => {
  const s = fromTranscript(transcript({ items: [cell('a', { input: { prompt: 'Password: ', password: true } })] }));
  expect(cellIn(s, 'a').input).toEqual({ prompt: 'Password: ', password: true });
});

test('an approved proposal runs under its own id and shows its outputs', () => {
  const s = apply(fromTranscript(transcript()),
    [6, { type: 'cell_start', data: cell('p', { status: 'proposed' }) }],
    [7, { type: 'cell_start', data: cell('p', { code: 'print(2)' }) }],
    [8, { type: 'output', data: { cellId: 'p', output: { type: 'stream', name: 'stdout', text: '2\n' } } }]);
  expect(cellIn(s, 'p')).toMatchObject({ status: 'running', code: 'print(2)', outputs: [{ text: '2\n' }] });
});

const display = (id: string, text: string) => ({ type: 'display_data', data: { 'text/plain': text }, metadata: {}, displayId: id }) as const;
const update = (id: string, text: string) => ({ type: 'update_display_data', data: { 'text/plain': text }, metadata: {}, displayId: id }) as const;
const message = (id: string) => ({ kind: 'message', id, role: 'user', text: id }) as const;

test('an earlier page goes in front and the items already read stay the same objects', () => {
  const s = fromTranscript(transcript({ items: [message('m3'), cell('c4', { status: 'ok' })], hasEarlier: true }));
  expect(s.hasEarlier).toBe(true);
  const earlier = withEarlier(s, [message('m1'), cell('c2', { status: 'ok' })], false);
  expect(earlier.items.map((i) => i.id)).toEqual(['m1', 'c2', 'm3', 'c4']);
  expect(earlier.items[2]).toBe(s.items[0]);
  expect(earlier.items[3]).toBe(s.items[1]);
  expect(earlier.hasEarlier).toBe(false);
  // A page that overlaps what is there (read twice after a slow answer) adds nothing twice.
  expect(withEarlier(earlier, [message('m1')], false).items).toHaveLength(4);
});

test('an update in the newest page reaches its display in an earlier page read afterwards', () => {
  const s = fromTranscript(transcript({ items: [cell('b', { status: 'ok', outputs: [update('d', 'v2')] })], hasEarlier: true }));
  const earlier = withEarlier(s, [cell('a', { status: 'ok', outputs: [display('d', 'v1'), display('e', 'e1')] })], false);
  expect(cellIn(earlier, 'a').outputs).toEqual([display('d', 'v2'), display('e', 'e1')]);
});

test('each display ends with the newest update after it, and a display made after an update keeps its own data', () => {
  const s = fromTranscript(transcript({
    items: [
      cell('a', { status: 'ok', outputs: [display('d', 'v1'), update('d', 'v2')] }),
      cell('b', { status: 'ok', outputs: [update('d', 'v3')] }),
      cell('c', { status: 'ok', outputs: [display('d', 'fresh')] }),
    ],
  }));
  expect(cellIn(s, 'a').outputs).toEqual([display('d', 'v3')]);
  expect(cellIn(s, 'c').outputs).toEqual([display('d', 'fresh')]);
  // The live update after all of them reaches both, and displays read later.
  const live = apply(s, [6, { type: 'cell_start', data: cell('e') }], [7, { type: 'output', data: { cellId: 'e', output: update('d', 'v4') } }]);
  expect(cellIn(live, 'a').outputs).toEqual([display('d', 'v4')]);
  expect(cellIn(live, 'c').outputs).toEqual([display('d', 'v4')]);
  expect(live.displays.d.data).toEqual({ 'text/plain': 'v4' });
});

test('output streaming into the last cell leaves every other item the same object', () => {
  const s = fromTranscript(transcript({ items: [message('m'), cell('a', { status: 'ok', outputs: [display('d', 'x')] }), cell('b')] }));
  const next = apply(s, [6, { type: 'output', data: { cellId: 'b', output: { type: 'stream', name: 'stdout', text: 'tick' } } }]);
  expect(next.items[0]).toBe(s.items[0]);
  expect(next.items[1]).toBe(s.items[1]);
  expect(next.items[2]).not.toBe(s.items[2]);
});
