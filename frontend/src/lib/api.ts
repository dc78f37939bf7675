import type { Approval, Cell, Conversation, KernelspecList, ModelList, SandboxInfo, Transcript } from './types';

/** An error the server answered with ({code, message}), or a network failure (code "network"). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/** `body` goes as JSON, or as it is when it is a form (the browser then sets the multipart type). */
async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  const form = body instanceof FormData;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || form ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', `Cannot reach the kernelchat server (${(e as Error).message}).`);
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Reads the server's {code, message} error, falling back to the status line for anything else. */
export async function errorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  return errorFromBody(response.status, text, response.statusText);
}

export function errorFromBody(status: number, text: string, statusText = ''): ApiError {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string' && typeof body.message === 'string') {
      return new ApiError(status, body.code, body.message);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, `http_${status}`, `The server answered ${status} ${statusText}`.trim() + '.');
}

const conv = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export const fileUrl = (conversationId: string, name: string) =>
  `${conv(conversationId)}/files/${encodeURIComponent(name)}`;

export const notebookUrl = (conversationId: string) => `${conv(conversationId)}/notebook`;

/** The event stream, resuming after event `after` when given (the transcript's lastEventId). */
export const eventsUrl = (conversationId: string, after: number | null = null) =>
  `${conv(conversationId)}/events` + (after === null ? '' : `?lastEventId=${after}`);

export const uploadUrl = (conversationId: string) => `${conv(conversationId)}/files`;

function pageQuery({ limit, before }: { limit?: number; before?: string }): string {
  const query = new URLSearchParams();
  if (limit !== undefined) query.set('limit', String(limit));
  if (before !== undefined) query.set('before', before);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const api = {
  models: () => request<ModelList>('GET', '/api/models'),
  sandbox: () => request<SandboxInfo>('GET', '/api/sandbox'),
  kernelspecs: () => request<KernelspecList>('GET', '/api/kernelspecs'),
  conversations: () =>
    request<{ conversations: Conversation[] }>('GET', '/api/conversations').then((r) => r.conversations),
  /** kernel: a kernelspec's name (GET /api/kernelspecs); the server's default when absent. */
  createConversation: (body: { model?: string; title?: string; kernel?: string } = {}) =>
    request<Conversation>('POST', '/api/conversations', body),
  /** A new conversation holding the notebook's cells and outputs, not run yet. */
  importNotebook: (file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<Conversation>('POST', '/api/conversations/import', form);
  },
  /** The newest `limit` items (all without one), or with `before`, the `limit` items before that item. */
  transcript: (id: string, page: { limit?: number; before?: string } = {}) =>
    request<Transcript>('GET', conv(id) + pageQuery(page)),
  /** A change of network restarts a running kernel (the server posts a notice saying so). */
  updateConversation: (id: string, body: { title?: string; model?: string; network?: boolean; approval?: Approval }) =>
    request<Conversation>('PATCH', conv(id), body),
  deleteConversation: (id: string) => request<void>('DELETE', conv(id)),
  sendMessage: (id: string, text: string, model?: string) =>
    request<{ turnId: string }>('POST', `${conv(id)}/messages`, model ? { text, model } : { text }),
  execute: (id: string, code: string) => request<Cell>('POST', `${conv(id)}/execute`, { code }),
  /** Runs the transcript's cells again, each in place, up to the first that fails; answers when done. */
  runAll: (id: string) => request<{ cells: Cell[] }>('POST', `${conv(id)}/run-all`),
  /** The answer to a cell's input(); the server keeps a password's answer nowhere. */
  answerInput: (id: string, cellId: string, value: string) =>
    request<void>('POST', `${conv(id)}/input`, { cellId, value }),
  /** Runs a proposed cell: as the model wrote it, or as the person edited it ({@code code}). */
  approveCell: (id: string, cellId: string, code?: string) =>
    request<void>('POST', `${conv(id)}/cells/${encodeURIComponent(cellId)}/approve`, code === undefined ? {} : { code }),
  rejectCell: (id: string, cellId: string, reason: string) =>
    request<void>('POST', `${conv(id)}/cells/${encodeURIComponent(cellId)}/reject`, reason ? { reason } : {}),
  stop: (id: string) => request<void>('POST', `${conv(id)}/stop`),
  restartKernel: (id: string) => request<void>('POST', `${conv(id)}/kernel/restart`),
  deleteFile: (id: string, name: string) => request<void>('DELETE', fileUrl(id, name)),
};
