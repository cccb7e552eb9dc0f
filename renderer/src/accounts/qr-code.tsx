import { encode } from 'uqr';

/**
 * SVG path of a QR code's dark modules, one unit per module, with the standard 4-module quiet
 * zone. Drawn as React SVG (no innerHTML, no data: URL), so the strict CSP needs nothing extra.
 */
export function qrPath(text: string): { size: number; d: string } {
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const parts: string[] = [];
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) parts.push(`M${x} ${y}h1v1h-1z`);
    }),
  );
  return { size, d: parts.join('') };
}

/** A QR code for `text`, scaled to `pixels`; `label` is what screen readers announce. */
export function QrCode({ text, label, pixels = 220 }: { text: string; label: string; pixels?: number }) {
  const { size, d } = qrPath(text);
  return (
    <svg className="qr-code" role="img" aria-label={label} width={pixels} height={pixels} viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
