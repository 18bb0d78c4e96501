import { policyWith } from "./csp-core.mjs";

/**
 * The Content-Security-Policy of every page rendered per request, with a per-request nonce for scripts: Next.js reads
 * the nonce from the request's CSP header and puts it on its own inline scripts, and 'strict-dynamic' lets those
 * scripts load the app's chunks. The policy itself is in lib/csp-core.mjs, shared with the render cache.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return policyWith([`'nonce-${nonce}'`, "'strict-dynamic'"], dev);
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
