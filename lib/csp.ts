/**
 * The Content-Security-Policy of every page, with a per-request nonce for scripts: Next.js reads the nonce from the
 * request's CSP header and puts it on its own inline scripts, and 'strict-dynamic' lets those scripts load the app's
 * chunks. No inline script without the nonce runs, so injected markup cannot execute. Styles keep 'unsafe-inline'
 * (React and the charts set style attributes; styles cannot run code).
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
