/** The red band with a serrated edge that opens the public screens (a nod to the national colours; decorative). */
export function SerratedBand({ className = '', teeth = 18 }: { className?: string; teeth?: number }) {
  const step = 100 / teeth;
  let d = 'M0 0H100V6';
  for (let i = teeth - 1; i >= 0; i--) d += `L${(i * step + step / 2).toFixed(3)} 14L${(i * step).toFixed(3)} 6`;
  d += 'Z';
  return (
    <svg className={`band ${className}`} viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}
