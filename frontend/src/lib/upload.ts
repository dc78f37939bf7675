import { ApiError, errorFromBody } from './api';
import type { FileInfo } from './types';

/**
 * Uploads one file with XMLHttpRequest, since fetch reports no upload progress. Resolves with the
 * stored files; rejects with an ApiError (e.g. too_large:upload) the page can show as is.
 */
export function uploadFile(
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<FileInfo[]> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        try {
          resolve((JSON.parse(xhr.responseText) as { files: FileInfo[] }).files ?? []);
        } catch {
          resolve([]);
        }
      } else if (xhr.status === 413 && !xhr.responseText.includes('"code"')) {
        reject(new ApiError(413, 'too_large:upload', `${file.name} is larger than the server accepts.`));
      } else {
        reject(errorFromBody(xhr.status, xhr.responseText, xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', `Uploading ${file.name} failed: the connection broke.`));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', `Uploading ${file.name} was cancelled.`));
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
