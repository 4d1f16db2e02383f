/**
 * A neutral emblem: an eight-pointed star made of two squares, a motif of
 * the region's geometric art. Deliberately not any real authority's logo.
 */
export function Emblem({ className = '' }: { className?: string }) {
  return (
    <svg className={`emblem ${className}`} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="5" strokeLinejoin="round">
        <rect x="21" y="21" width="58" height="58" rx="4" />
        <rect x="21" y="21" width="58" height="58" rx="4" transform="rotate(45 50 50)" />
      </g>
      <circle cx="50" cy="50" r="13" fill="none" stroke="currentColor" strokeWidth="5" />
      <circle cx="50" cy="50" r="5" fill="currentColor" />
    </svg>
  );
}
