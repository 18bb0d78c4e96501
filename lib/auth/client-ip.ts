/**
 * The client's address as the app may trust it. The server (scripts/serve.mjs) puts the socket's peer address in
 * `x-skillgap-peer`, overwriting anything a client sent. With TRUSTED_PROXY_HOPS = 0 that peer is the client. With N
 * proxies in front, each appends the address it saw to X-Forwarded-For, so the client is the entry N places from the
 * right of [...X-Forwarded-For, peer]; entries further left were written by the client and are never trusted.
 */
export function clientIp(get: (name: string) => string | null | undefined, hops: number): string {
  const peer = (get("x-skillgap-peer") ?? "").trim() || "unknown";
  if (hops <= 0) return peer;
  const chain = [
    ...(get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    peer,
  ];
  const ip = chain[chain.length - 1 - hops] ?? chain[0]!;
  return ip.slice(0, 100);
}

/** Header lookup over next-auth's plain header record (values may be arrays). */
export function headerGetter(headers: Record<string, string | string[] | undefined> | undefined) {
  return (name: string) => {
    const v = headers?.[name] ?? headers?.[name.toLowerCase()];
    return Array.isArray(v) ? v.join(",") : v;
  };
}
