import type {
  Cell, Conversation, FileInfo, InputPrompt, Item, Kernel, Message, MimeBundle, Output, ServerEvent, TokenUsage, Transcript,
  TurnEndReason,
} from './types';

/** A cell as the page shows it: outputs already folded (streams merged, clears and display updates applied). */
export interface ShownCell extends Cell {
  /** clear_output(wait=true) arrived: clear when the next output comes. */
  pendingClear?: boolean;
}

export type ShownItem = Message | ShownCell;

type DisplayUpdate = Extract<Output, { type: 'update_display_data' }>;

/** What a display shows after its latest update_display_data. */
export interface DisplayData {
  data: MimeBundle;
  metadata?: object;
}

/** Everything the page knows about the open conversation, rebuilt from the transcript plus events. */
export interface ChatState {
  conversation: Conversation;
  items: ShownItem[];
  files: FileInfo[];
  kernel: Kernel;
  running: boolean;
  lastEventId: number;
  error: { code: string; message: string } | null;
  /** Set when the kernel died; says whether it has come back since. */
  kernelNotice: 'died' | null;
  lastTurnEnd: TurnEndReason | null;
  /** What the last turn seen here used, when the provider said. */
  lastTurnTokens: TokenUsage | null;
  /** Finished cells that "run all" is about to run again: their new start is not a late event. */
  rerun: string[];
  /** The server has items before items[0]; the page reads them when the person scrolls up to the first. */
  hasEarlier: boolean;
  /**
   * The newest update of each display id among the items read: an update reaches displays in earlier items,
   * which may be read only later.
   */
  displays: Record<string, DisplayData>;
}

export function fromTranscript(t: Transcript): ChatState {
  const { items, files, kernel, lastEventId, hasEarlier, ...conversation } = t;
  const page = foldPage(items, {});
  return {
    conversation: conversation as Conversation,
    items: page.items,
    files: sortFiles(files ?? []),
    kernel,
    running: Boolean(t.running),
    lastEventId: toEventId(lastEventId) ?? 0,
    error: null,
    kernelNotice: null,
    lastTurnEnd: null,
    lastTurnTokens: lastTurnTokens(page.items),
    rerun: [],
    hasEarlier: Boolean(hasEarlier),
    displays: page.displays,
  };
}

/** The newest turn's tokens the page holds, kept on the user's message that started it. */
function lastTurnTokens(items: ShownItem[]): TokenUsage | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.kind === 'message' && item.role === 'user') return item.usage ?? null;
  }
  return null;
}

/** Puts a page of earlier items (the server's answer for the items before items[0]) in front. */
export function withEarlier(state: ChatState, items: Item[], hasEarlier: boolean): ChatState {
  const known = new Set(state.items.map((i) => i.id));
  const page = foldPage(items.filter((i) => !known.has(i.id)), state.displays);
  return {
    ...state,
    items: [...page.items, ...state.items],
    hasEarlier,
    displays: page.displays,
  };
}

/**
 * Folds a page of stored items, oldest first, as live events would have been folded. Each display ends with
 * the data of the newest update after it: from its own cell, from later cells of the page, or from the items
 * already read (`newer`: the newest update of each id among them). Returns those for the next, earlier page.
 */
function foldPage(items: Item[], newer: Record<string, DisplayData>): { items: ShownItem[]; displays: Record<string, DisplayData> } {
  const displays = { ...newer };
  const shown: ShownItem[] = new Array(items.length);
  // Backwards, so at each cell `displays` holds exactly the updates that came after it.
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    if (item.kind === 'message') {
      shown[k] = item;
      continue;
    }
    const { cell, updates } = foldOutputs(item);
    shown[k] = withDisplays(cell, displays);
    for (let u = updates.length - 1; u >= 0; u--) {
      displays[updates[u].displayId] ??= { data: updates[u].data, metadata: updates[u].metadata };
    }
  }
  return { items: shown, displays };
}

/** A cell's stored outputs folded in order; the updates among them are applied within the cell and returned. */
function foldOutputs(cell: Cell): { cell: ShownCell; updates: DisplayUpdate[] } {
  let shown: ShownCell = { ...cell, outputs: [] };
  const updates: DisplayUpdate[] = [];
  for (const output of cell.outputs ?? []) {
    if (output.type === 'update_display_data') {
      updates.push(output);
      shown = withDisplays(shown, { [output.displayId]: output });
    } else {
      shown = withOutput(shown, output);
    }
  }
  return { cell: shown, updates };
}

/** The cell with each display whose id is in `displays` showing that data instead; the same cell if none is. */
function withDisplays(cell: ShownCell, displays: Record<string, DisplayData>): ShownCell {
  if (!cell.outputs.some((o) => displayIdOf(o) !== null && displays[displayIdOf(o)!])) return cell;
  return {
    ...cell,
    outputs: cell.outputs.map((o) => {
      const update = displayIdOf(o) === null ? undefined : displays[displayIdOf(o)!];
      return update ? ({ ...o, data: update.data, metadata: update.metadata } as Output) : o;
    }),
  };
}

export function toEventId(id: unknown): number | null {
  if (id === null || id === undefined || id === '') return null;
  const n = Number(id);
  return Number.isFinite(n) ? n : null;
}

/**
 * Applies one event. Events at or before lastEventId were already folded in (a replay after reconnect,
 * or an event that the transcript already contained) and are ignored.
 */
export function applyEvent(state: ChatState, event: ServerEvent, id: number | null): ChatState {
  if (id !== null && id <= state.lastEventId) return state;
  const next = reduce(state, event);
  return id === null ? next : { ...next, lastEventId: id };
}

function reduce(state: ChatState, event: ServerEvent): ChatState {
  switch (event.type) {
    case 'message':
      return { ...state, items: upsert(state.items, event.data) };
    case 'text_delta': {
      const { messageId, delta } = event.data;
      const existing = state.items.find((i) => i.id === messageId);
      if (existing && existing.kind === 'message') {
        return { ...state, items: replace(state.items, { ...existing, text: existing.text + delta }) };
      }
      const streaming: Message = { kind: 'message', id: messageId, role: 'assistant', text: delta };
      return { ...state, items: [...state.items, streaming] };
    }
    // A cell already finished here came whole from the execute answer; its own events, arriving after that
    // answer, would restart it or show its outputs twice. (The server sends no output after a cell's end.)
    case 'cell_start': {
      const again = state.rerun.includes(event.data.id);
      if (isFinished(state.items, event.data.id) && !again) return state;
      return {
        ...state,
        rerun: again ? state.rerun.filter((id) => id !== event.data.id) : state.rerun,
        items: upsert(state.items, { ...event.data, outputs: event.data.outputs ?? [] }),
      };
    }
    case 'output':
      if (isFinished(state.items, event.data.cellId)) return state;
      return addOutput(state, event.data.cellId, event.data.output);
    case 'cell_end': {
      const { cellId, status, executionCount, durationMs } = event.data;
      return {
        ...state,
        items: state.items.map((i) =>
          i.id === cellId && i.kind === 'cell'
            ? { ...i, status, executionCount, durationMs, pendingClear: false, input: null } : i),
      };
    }
    case 'input_request': {
      const { cellId, prompt, password } = event.data;
      return { ...state, items: withCellInput(state.items, cellId, { prompt, password }) };
    }
    case 'input_end':
      return { ...state, items: withCellInput(state.items, event.data.cellId, null) };
    case 'file':
      return event.data.change === 'deleted' ? withoutFile(state, event.data.file.name) : withFiles(state, [event.data.file]);
    case 'kernel': {
      const status = event.data.status;
      let kernelNotice = state.kernelNotice;
      if (status === 'dead') kernelNotice = 'died';
      // Back again: the transcript's own notice says what was lost, so the banner goes.
      else if (kernelNotice === 'died' && status === 'idle') kernelNotice = null;
      return { ...state, kernel: event.data, kernelNotice };
    }
    case 'turn_start':
      return { ...state, running: true, error: null, lastTurnEnd: null };
    case 'turn_end': {
      const { usage: used, messageId } = event.data;
      if (!used) return { ...state, running: false, lastTurnEnd: event.data.reason };
      // The server added the same to its totals and kept it on the turn's message; doing so here spares a reload.
      return {
        ...state,
        running: false,
        lastTurnEnd: event.data.reason,
        lastTurnTokens: used,
        items: state.items.map((i) => (i.id === messageId && i.kind === 'message' ? { ...i, usage: used } : i)),
        conversation: { ...state.conversation, tokens: addTokens(state.conversation.tokens, used) },
      };
    }
    case 'error':
      return { ...state, error: event.data };
    case 'conversation':
      return withConversation(state, event.data);
    case 'reset':
      return state; // the owner reloads the transcript
  }
}

/**
 * Merges what changed in the conversation (an event, or the answer to a change). Its network is its kernel's
 * too: a stopped kernel sends no kernel event when the switch moves, and an unconfined one always has a network.
 */
export function withConversation(state: ChatState, change: Partial<Conversation>): ChatState {
  const conversation = { ...state.conversation, ...change };
  const network = state.kernel.sandbox === 'off' || conversation.network;
  return { ...state, conversation, kernel: { ...state.kernel, network } };
}

/** Puts a whole cell in place (one the server returned), its outputs folded like live ones. */
export function withCell(state: ChatState, cell: Cell): ChatState {
  const { cell: shown, updates } = foldOutputs(cell);
  let next = { ...state, items: upsert(state.items, shown) };
  // Its updates reach displays of earlier cells too; its own were applied in order already.
  for (const update of updates) next = withDisplayUpdate(next, update, shown.id);
  return next;
}

/**
 * The total's cost stays known only while every turn has one, as the server reckons it: a first turn's cost starts
 * it, a turn without a price (or a total without one) leaves it out.
 */
function addTokens(total: TokenUsage | undefined, used: TokenUsage): TokenUsage {
  const spent = (total?.inputTokens ?? 0) + (total?.outputTokens ?? 0) > 0;
  const before = spent ? total?.costUsd : 0;
  const sum: TokenUsage = {
    inputTokens: (total?.inputTokens ?? 0) + used.inputTokens,
    outputTokens: (total?.outputTokens ?? 0) + used.outputTokens,
    cachedInputTokens: (total?.cachedInputTokens ?? 0) + (used.cachedInputTokens ?? 0),
  };
  return before === undefined || used.costUsd === undefined ? sum : { ...sum, costUsd: before + used.costUsd };
}

function withCellInput(items: ShownItem[], cellId: string, input: InputPrompt | null): ShownItem[] {
  return items.map((i) => (i.id === cellId && i.kind === 'cell' ? { ...i, input } : i));
}

function isFinished(items: ShownItem[], cellId: string): boolean {
  // A proposed cell is not finished: once approved, it starts and runs under the same id.
  return items.some((i) => i.id === cellId && i.kind === 'cell' && i.status !== 'running' && i.status !== 'proposed');
}

function upsert(items: ShownItem[], item: ShownItem): ShownItem[] {
  return items.some((i) => i.id === item.id) ? replace(items, item) : [...items, item];
}

function replace(items: ShownItem[], item: ShownItem): ShownItem[] {
  return items.map((i) => (i.id === item.id ? item : i));
}

/**
 * Folds one live output into its cell, like Jupyter's output area does. Every other item stays the same
 * object, so a list that memoises its rows re-renders only the cell that changed.
 */
function addOutput(state: ChatState, cellId: string, output: Output): ChatState {
  if (output.type === 'update_display_data') return withDisplayUpdate(state, output);
  return { ...state, items: state.items.map((i) => (i.id === cellId && i.kind === 'cell' ? withOutput(i, output) : i)) };
}

/** An update reaches every display with its id wherever it was shown, and displays read later (see `displays`). */
function withDisplayUpdate(state: ChatState, update: DisplayUpdate, exceptCellId?: string): ChatState {
  const data = { [update.displayId]: { data: update.data, metadata: update.metadata } };
  return {
    ...state,
    items: state.items.map((i) => (i.kind === 'cell' && i.id !== exceptCellId ? withDisplays(i, data) : i)),
    displays: { ...state.displays, ...data },
  };
}

function withOutput(cell: ShownCell, output: Output): ShownCell {
  if (output.type === 'clear_output') {
    return output.wait ? { ...cell, pendingClear: true } : { ...cell, outputs: [], pendingClear: false };
  }
  const outputs = cell.pendingClear ? [] : cell.outputs;
  const last = outputs[outputs.length - 1];
  if (output.type === 'stream' && last?.type === 'stream' && last.name === output.name) {
    return { ...cell, pendingClear: false, outputs: [...outputs.slice(0, -1), { ...last, text: last.text + output.text }] };
  }
  return { ...cell, pendingClear: false, outputs: [...outputs, output] };
}

function displayIdOf(o: Output): string | null {
  return o.type === 'display_data' ? o.displayId ?? null : null;
}

/** Adds or replaces files by name (after an upload or a file event). */
export function withFiles(state: ChatState, files: FileInfo[]): ChatState {
  const names = new Set(files.map((f) => f.name));
  return { ...state, files: sortFiles([...state.files.filter((f) => !names.has(f.name)), ...files]) };
}

export function withoutFile(state: ChatState, name: string): ChatState {
  return { ...state, files: state.files.filter((f) => f.name !== name) };
}

function sortFiles(files: FileInfo[]): FileInfo[] {
  return [...files].sort((a, b) => a.name.localeCompare(b.name));
}
