import type { MimeBundle } from './types';

/** MIME types the page renders, best first. application/javascript is deliberately absent: it never runs. */
export const RENDERED_MIME_TYPES = [
  'text/html',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'text/markdown',
  'text/latex',
  'application/json',
  'text/plain',
] as const;

export type RenderedMime = (typeof RENDERED_MIME_TYPES)[number];

export function pickMime(data: MimeBundle): RenderedMime | null {
  return RENDERED_MIME_TYPES.find((m) => data[m] !== undefined && data[m] !== null) ?? null;
}

/** Jupyter may send text values as a list of lines. */
export function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.join('');
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function imageSource(mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/svg+xml', value: unknown): string {
  const text = textOf(value);
  // SVG goes in as an <img> data URL, where its scripts and external references are inert.
  if (mime === 'image/svg+xml') return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  return `data:${mime};base64,${text.replace(/\s/g, '')}`;
}
