import { useEffect, useRef, type ReactNode } from 'react';

/** A modal dialog that takes focus when it opens and keeps it inside (keypad users). */
export function Dialog({ labelledBy, testId, children, className = '' }: { labelledBy: string; testId: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('button, [tabindex]');
    first?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={`dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key !== 'Tab') return;
          const focusable = [...(ref.current?.querySelectorAll<HTMLElement>('button') ?? [])];
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
