import QRCode from 'qrcode';
import { useMemo } from 'react';

/** A crisp QR code as SVG rectangles (no canvas, no data URL, CSP-friendly). */
export function QrCode({ text, label, size = 320 }: { text: string; label: string; size?: number }) {
  const { cells, count } = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const list: [number, number][] = [];
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) list.push([x, y]);
    return { cells: list, count: n };
  }, [text]);
  const quiet = 4;
  const extent = count + quiet * 2;
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${extent} ${extent}`} width={size} height={size} shapeRendering="crispEdges">
      <rect width={extent} height={extent} fill="#fff" />
      {cells.map(([x, y]) => (
        <rect key={`${x}-${y}`} x={x + quiet} y={y + quiet} width={1} height={1} fill="#000" />
      ))}
    </svg>
  );
}
