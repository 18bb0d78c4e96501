/**
 * The skillgap mark: two filled bars (the levels you hold) and a dashed one (the step still to take). The same drawing
 * as app/icon.svg, in theme colours so it follows dark mode. Decorative: the word "skillgap" sits beside it.
 */
export function LogoMark({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--color-brand-700)" />
      <rect x="5.5" y="17" width="5.5" height="9" rx="1" fill="var(--color-white)" />
      <rect x="13.25" y="11" width="5.5" height="15" rx="1" fill="var(--color-white)" />
      <rect
        x="21.8"
        y="6.8"
        width="4"
        height="18.4"
        rx="0.8"
        fill="none"
        stroke="var(--color-white)"
        strokeWidth="1.6"
        strokeDasharray="2.6 1.8"
      />
    </svg>
  );
}
