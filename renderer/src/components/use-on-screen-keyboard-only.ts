import { useEffect, type RefObject } from 'react';

/**
 * An input only the on-screen keyboard may change: typing from any other
 * source, paste and drop are refused (`beforeinput` covers system keyboards
 * and IMEs). Secret fields also refuse copy and cut (`extra`).
 */
export function useOnScreenKeyboardOnly(ref: RefObject<HTMLInputElement | null>, extra: readonly ('copy' | 'cut')[] = []): void {
  const events = ['beforeinput', 'paste', 'drop', ...extra].join(' ');
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    const refuse = (event: Event) => event.preventDefault();
    const types = events.split(' ');
    for (const type of types) input.addEventListener(type, refuse);
    return () => {
      for (const type of types) input.removeEventListener(type, refuse);
    };
  }, [ref, events]);
}
