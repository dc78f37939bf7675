import { fileUrl } from '../lib/api';
import { formatSize } from '../lib/format';
import type { FileInfo } from '../lib/types';
import type { Upload } from '../hooks/useUploads';

interface Props {
  conversationId: string;
  files: FileInfo[];
  uploads: Upload[];
  onDelete: (name: string) => void;
  onDismiss: (key: number) => void;
}

/** The workspace: a chip per file (size, download link) and a progress bar per upload in flight. */
export function FileBar({ conversationId, files, uploads, onDelete, onDismiss }: Props) {
  if (files.length === 0 && uploads.length === 0) return null;
  return (
    <div className="file-bar" aria-label="Files">
      {uploads.map((u) => (
        <div key={u.key} className={`upload ${u.error ? 'failed' : ''}`} data-testid="upload-progress">
          <span className="file-name">{u.name}</span>
          {u.error ? (
            <>
              <span className="upload-error" role="alert" data-testid="upload-error">{u.error}</span>
              <button type="button" className="small-button" aria-label={`Dismiss ${u.name}`} onClick={() => onDismiss(u.key)}>×</button>
            </>
          ) : (
            <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} />
          )}
        </div>
      ))}
      {files.map((f) => (
        <span key={f.name} className="file-chip" data-testid="file-chip" data-name={f.name}>
          <a href={fileUrl(conversationId, f.name)} download={f.name} data-testid="file-download" title={`Download ${f.name}`}>
            {f.name}
          </a>
          <span className="file-size">{formatSize(f.size)}</span>
          <button type="button" className="chip-remove" aria-label={`Delete ${f.name}`} onClick={() => onDelete(f.name)}>×</button>
        </span>
      ))}
    </div>
  );
}
