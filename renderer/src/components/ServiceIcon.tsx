/** Line icons for the service tiles, drawn inline (no icon font, nothing fetched). */
const PATHS: Record<string, string> = {
  renew: 'M25 6v6h-6M22.49 17a9 9 0 1 1-2.12-9.36L25 12',
  replace: 'M4 10h16l-4-4M24 18H8l4 4',
  home: 'M4 14 14 5l10 9M7 12v12h14V12',
  phone: 'M9 3h10v22H9zM13 21h2',
  chip: 'M8 6h12v16H8zM11 10h6v8h-6zM4 10h4M4 18h4M20 10h4M20 18h4',
  document: 'M7 3h10l5 5v17H7zM17 3v5h5M10 14h9M10 18h9',
  search: 'M12 4a8 8 0 1 1 0 16 8 8 0 0 1 0-16zM18 18l6 6',
  key: 'M10 10a5 5 0 1 1 0 .1M14 13l10 10M19 18l3-3M21 20l2-2',
  form: 'M6 4h16v20H6zM10 10h8M10 14h8M10 18h5',
  card: 'M3 7h22v14H3zM3 11h22M7 17h6',
  shield: 'M14 3 5 7v7c0 5 4 9 9 11 5-2 9-6 9-11V7zM10 14l3 3 5-6',
  fingerprint: 'M8 20c1-3 1-6 1-8a5 5 0 0 1 10 0c0 4-1 8-3 11M12 23c1.5-3 2-6 2-10M6 16c.5-1 .6-2.5.6-4A7.4 7.4 0 0 1 21 9',
  unlock: 'M7 13h14v11H7zM10 13V9a4 4 0 0 1 7.5-2',
  status: 'M14 4a10 10 0 1 1 0 20 10 10 0 0 1 0-20zM14 9v6l4 2',
};

export function ServiceIcon({ name }: { name: string }) {
  return (
    <svg className="tile__icon" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
      <path d={PATHS[name] ?? PATHS.card} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
