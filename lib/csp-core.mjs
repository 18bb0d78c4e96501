/**
 * The Content-Security-Policy, in one place for the app (lib/csp.ts, through proxy.ts) and the production server
 * (scripts/serve.mjs, for pages answered from the render cache). Scripts run only when the policy names them:
 * - rendered per request: a fresh nonce, which Next puts on its own scripts, with 'strict-dynamic' so those scripts
 *   can load the app's chunks;
 * - answered from the render cache (the same bytes for many requests, so no nonce can be fresh): the SHA-256 of each
 *   inline script in the stored page, and 'self' for the app's own chunk files.
 * Either way no inline script that the server did not send runs, so injected markup cannot execute. Styles keep
 * 'unsafe-inline' (React and the charts set style attributes; styles cannot run code).
 * @param {string[]} scriptSources  the script-src sources after 'self'
 * @param {boolean} [dev]  `next dev` needs 'unsafe-eval'
 */
export function policyWith(scriptSources, dev = false) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(" ")}${dev ? " 'unsafe-eval'" : ""}`,
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
