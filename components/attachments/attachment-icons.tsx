/** Small inline icons for attachments. Decorative: the text beside them carries the meaning. */
type IconProps = { className?: string };

export function PaperclipIcon({ className = "h-5 w-5" }: IconProps) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className={className}>
      <path d="M21.4 11.1 12.6 19.9a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6l7.8-7.8" />
    </svg>
  );
}

export function PdfIcon({ className = "h-10 w-10" }: IconProps) {
  return (
    <svg aria-hidden viewBox="0 0 40 40" className={className}>
      <path d="M9 3h15l9 9v23a2 2 0 0 1-2 2H9a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z" fill="#fff" stroke="#cbd5e1" strokeWidth="1.5" />
      <path d="M24 3v7a2 2 0 0 0 2 2h7" fill="none" stroke="#cbd5e1" strokeWidth="1.5" />
      <rect x="4" y="20" width="22" height="11" rx="2" fill="#dc2626" />
      <text x="15" y="28.6" textAnchor="middle" fontSize="7.5" fontWeight="700" fill="#fff" fontFamily="system-ui, sans-serif">
        PDF
      </text>
    </svg>
  );
}

export function ImageIcon({ className = "h-10 w-10" }: IconProps) {
  return (
    <svg aria-hidden viewBox="0 0 40 40" className={className}>
      <rect x="4" y="6" width="32" height="28" rx="3" fill="#f1f5f9" stroke="#cbd5e1" strokeWidth="1.5" />
      <circle cx="14" cy="15" r="3" fill="#94a3b8" />
      <path d="m6 31 9-10 6 6 4-4 9 8" fill="none" stroke="#94a3b8" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}

export function WarningIcon({ className = "h-5 w-5" }: IconProps) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className={className}>
      <path d="M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />
      <path d="M12 9v4M12 17h.01" />
    </svg>
  );
}

export function CloseIcon({ className = "h-4 w-4" }: IconProps) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" className={className}>
      <path d="M6 6l12 12M18 6 6 18" />
    </svg>
  );
}

export function Spinner({ className = "h-4 w-4" }: IconProps) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className={`animate-spin motion-reduce:animate-none ${className}`}>
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
