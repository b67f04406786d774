import { qrCodePath } from "./qr-code";

/** A QR code drawn by our own encoder (components/mfa/qr-code.ts) as an SVG. */
export function QrCodeImage({ matrix, label }: { matrix: readonly (readonly boolean[])[]; label: string }) {
  const size = matrix.length + 8;
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="mfa-qr-code"
      viewBox={`0 0 ${size} ${size}`}
      width={size * 4}
      height={size * 4}
      shapeRendering="crispEdges"
      className="rounded-lg border border-slate-200"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={qrCodePath(matrix)} fill="#000" />
    </svg>
  );
}
