import { useCallback, useState } from 'react';
import { ApiError, uploadUrl } from '../lib/api';
import type { FileInfo } from '../lib/types';
import { uploadFile } from '../lib/upload';

export interface Upload {
  key: number;
  name: string;
  progress: number;
  error: string | null;
}

let nextKey = 1;

/** Uploads files one request each, so every file has its own progress bar and its own error. */
export function useUploads(conversationId: string, onUploaded: (files: FileInfo[]) => void) {
  const [uploads, setUploads] = useState<Upload[]>([]);

  const update = (key: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const upload = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const key = nextKey++;
        setUploads((list) => [...list, { key, name: file.name, progress: 0, error: null }]);
        uploadFile(uploadUrl(conversationId), file, (progress) => update(key, { progress })).then(
          (stored) => {
            onUploaded(stored);
            setUploads((list) => list.filter((u) => u.key !== key));
          },
          (e: ApiError) => update(key, { error: e.message }),
        );
      }
    },
    [conversationId, onUploaded],
  );

  const dismiss = useCallback((key: number) => setUploads((list) => list.filter((u) => u.key !== key)), []);

  return { uploads, upload, dismiss };
}
