/** Whether the server answers: checked every few seconds, so a stopped server is said at once, in words. */
import { useEffect, useState } from 'react';

const CHECK_EVERY_MS = 5000;

export function useServerOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    let cancelled = false;
    const check = () =>
      fetch('/health', { cache: 'no-store' })
        .then((r) => r.status < 502)
        .catch(() => false)
        .then((ok) => {
          if (!cancelled) setOnline(ok);
        });
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    window.addEventListener('online', check);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      window.removeEventListener('online', check);
    };
  }, []);
  return online;
}
