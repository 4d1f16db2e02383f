import { useId } from 'react';

/** A faint field of eight-pointed stars (the region's geometric art), drawn as an SVG pattern: no image file, nothing fetched. */
export function GeometricPattern({ className = '' }: { className?: string }) {
  const id = useId();
  return (
    <svg className={className} aria-hidden="true" focusable="false" preserveAspectRatio="xMidYMid slice">
      <defs>
        <pattern id={id} width="120" height="120" patternUnits="userSpaceOnUse">
          <g fill="none" stroke="currentColor" strokeWidth="1.5">
            <rect x="35" y="35" width="50" height="50" />
            <rect x="35" y="35" width="50" height="50" transform="rotate(45 60 60)" />
            <circle cx="60" cy="60" r="12" />
            <path d="M0 0l25 25M120 0 95 25M0 120l25-25M120 120 95 95" />
          </g>
        </pattern>
      </defs>
      <rect width="100%" height="100%" fill={`url(#${id})`} />
    </svg>
  );
}
