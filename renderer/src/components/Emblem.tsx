/** A neutral emblem (a stylised eight-pointed star), not any real authority's logo. */
export function Emblem({ className = '' }: { className?: string }) {
  return (
    <svg className={`emblem ${className}`} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="4">
        <rect x="22" y="22" width="56" height="56" rx="6" />
        <rect x="22" y="22" width="56" height="56" rx="6" transform="rotate(45 50 50)" />
      </g>
      <circle cx="50" cy="50" r="10" fill="currentColor" />
    </svg>
  );
}
