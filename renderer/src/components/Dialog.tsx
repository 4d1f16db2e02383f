import { useEffect, useRef, type ReactNode } from 'react';
import { FOCUSABLE } from '../platform/focusable.ts';

/**
 * A modal dialog: takes focus when it opens (the element marked
 * `data-autofocus`, else the first button), keeps Tab inside (tactile
 * keypad users), and gives focus back to where it was when it closes. The
 * rest of the page is made inert by the App while a dialog is open.
 */
export function Dialog({ labelledBy, describedBy, testId, children, className = '' }: { labelledBy: string; describedBy?: string; testId: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    const first = root?.querySelector<HTMLElement>('[data-autofocus]') ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key !== 'Tab') return;
          const focusable = [...(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
          if (focusable.length === 0) return;
          const index = focusable.indexOf(document.activeElement as HTMLElement);
          const next = event.shiftKey ? (index <= 0 ? focusable.length - 1 : index - 1) : (index + 1) % focusable.length;
          focusable[next]?.focus();
          event.preventDefault();
        }}
      >
        {children}
      </div>
    </div>
  );
}
