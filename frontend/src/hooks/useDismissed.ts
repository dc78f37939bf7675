import { useState } from 'react';

function storedFlag(key: string): boolean {
  try {
    return window.sessionStorage.getItem(key) === '1';
  } catch {
    return false; // storage refused (a privacy setting): the flag lives only as long as the component
  }
}

/** Whether the person dismissed something for this browser session, kept across conversations and reloads. */
export function useDismissed(key: string): [boolean, () => void] {
  const [dismissed, setDismissed] = useState(() => storedFlag(key));
  const dismiss = () => {
    setDismissed(true);
    try {
      window.sessionStorage.setItem(key, '1');
    } catch {
      // as above: dismissed until the component goes
    }
  };
  return [dismissed, dismiss];
}
