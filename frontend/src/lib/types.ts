// The shapes of docs/api.md, as the server sends them.

export interface ModelInfo {
  id: string;
  provider: string;
  displayName: string;
  tools: boolean;
  vision: boolean;
}

export interface ModelList {
  models: ModelInfo[];
  default: string | null;
  configured: boolean;
  help: string;
}

export interface Conversation {
  id: string;
  title: string;
  model: string | null;
  createdAt: string | number;
  updatedAt: string | number;
  running: boolean;
  /** Whether its kernel has a network when sandboxed (an unconfined kernel always has one). */
  network: boolean;
  approval?: Approval;
  /** What its turns used, summed. */
  tokens?: TokenUsage;
  /** The name of the kernelspec its kernel runs, e.g. "python3" or "ir". */
  kernelspec: string;
}

/** A kernelspec the server can start: GET /api/kernelspecs. */
export interface Kernelspec {
  name: string;
  displayName: string;
  /** As its kernel.json says: "python", "R", "octave"… */
  language: string;
}

export interface KernelspecList {
  kernelspecs: Kernelspec[];
  /** What a conversation runs when it does not choose. */
  default: string;
}

export interface FileInfo {
  name: string;
  size: number;
  modified: number;
}

export type Role = 'user' | 'assistant' | 'context' | 'notice';

export interface Message {
  kind: 'message';
  id: string;
  role: Role;
  text: string;
  createdAt?: string | number;
  /** On a user message whose turn has ended: what that turn used. */
  usage?: TokenUsage;
}

// proposed: the model's code waits for the person (approval "ask"); rejected: they did not run it;
// expired: the server stopped while it waited.
export type CellStatus =
  | 'running' | 'ok' | 'error' | 'aborted' | 'interrupted' | 'timeout' | 'proposed' | 'rejected' | 'expired';

/** auto: the model's code runs at once; ask: it waits for the person to run, edit or reject it. */
export type Approval = 'auto' | 'ask';

/** Tokens as the provider counted them; inputTokens includes cachedInputTokens (0 where it does not say). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** US dollars at the prices the server was given (KERNELCHAT_PRICES); absent where the model has none. */
  costUsd?: number;
}

export type MimeBundle = Record<string, unknown>;

export type Output =
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { type: 'display_data'; data: MimeBundle; metadata?: object; displayId?: string | null }
  | { type: 'update_display_data'; data: MimeBundle; metadata?: object; displayId: string }
  | { type: 'execute_result'; executionCount?: number; data: MimeBundle; metadata?: object }
  | { type: 'error'; ename: string; evalue: string; traceback: string[] }
  | { type: 'clear_output'; wait: boolean };

export interface Cell {
  kind: 'cell';
  id: string;
  code: string;
  source: 'agent' | 'user';
  status: CellStatus;
  executionCount?: number | null;
  outputs: Output[];
  durationMs?: number | null;
  createdAt?: string | number;
  /** Set while the cell waits for the person to answer input() or getpass(). */
  input?: InputPrompt | null;
}

/** What a cell waiting for input asks; a password's answer is masked and never kept. */
export interface InputPrompt {
  prompt: string;
  password: boolean;
}

export type Item = Message | Cell;

// 'stopped': no kernel yet (it starts with the first cell) or shut down when idle.
export type KernelStatus = 'stopped' | 'starting' | 'idle' | 'busy' | 'restarting' | 'dead';

export type SandboxState = 'on' | 'off';

export interface Kernel {
  status: KernelStatus;
  sandbox: SandboxState;
  /** Whether the kernel can reach any network: always true when it is not sandboxed. */
  network: boolean;
}

/** GET /api/sandbox: whether kernels are confined on this server. */
export interface SandboxInfo {
  sandbox: SandboxState;
  /** What confines kernels, or why nothing does and what to do about it. */
  reason: string;
  networkByDefault: boolean;
}

export interface Transcript extends Conversation {
  items: Item[];
  files: FileInfo[];
  kernel: Kernel;
  lastEventId: number | string | null;
  /** There are items before items[0]: the answer is a page (GET …?limit=n&before=id). */
  hasEarlier?: boolean;
}

export type TurnEndReason = 'done' | 'stopped' | 'step_limit' | 'error';

/** One server-sent event: its id, its type and its parsed data. */
export type ServerEvent =
  | { type: 'message'; data: Message }
  | { type: 'text_delta'; data: { messageId: string; delta: string } }
  | { type: 'cell_start'; data: Cell }
  | { type: 'output'; data: { cellId: string; output: Output } }
  | { type: 'cell_end'; data: { cellId: string; status: CellStatus; executionCount?: number | null; durationMs?: number | null } }
  | { type: 'input_request'; data: InputPrompt & { cellId: string } }
  | { type: 'input_end'; data: { cellId: string } }
  | { type: 'file'; data: { change: 'created' | 'modified' | 'deleted'; file: FileInfo } }
  | { type: 'kernel'; data: Kernel }
  | { type: 'turn_start'; data: { turnId: string } }
  | { type: 'turn_end'; data: { turnId: string; reason: TurnEndReason; messageId?: string; usage?: TokenUsage } }
  | { type: 'error'; data: { code: string; message: string } }
  | { type: 'conversation'; data: Conversation }
  | { type: 'reset'; data: Record<string, never> };

export type ServerEventType = ServerEvent['type'];

export const SERVER_EVENT_TYPES: readonly ServerEventType[] = [
  'message', 'text_delta', 'cell_start', 'output', 'cell_end', 'input_request', 'input_end', 'file', 'kernel',
  'turn_start', 'turn_end', 'error', 'conversation', 'reset',
];
