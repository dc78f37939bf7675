import { useState } from 'react';

export function CopyButton({ text, label = 'Copy code' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (insecure context or permission): nothing to copy into, leave as is.
    }
  };
  return (
    <button type="button" className="small-button" aria-label={label} data-testid="copy" onClick={copy}>
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
