import { createHash, randomBytes } from "node:crypto";

/** A random URL-safe token (256 bits) and the SHA-256 hash that is stored instead of it. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** SHA-256 of a token, hex. Tokens are random, so a fast hash is enough (nothing to brute-force). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A short, stable pseudonym for an email (rate-limit buckets, audit payloads after deletion): no address stored. */
export function pseudonym(value: string): string {
  return createHash("sha256").update(`skillgap:${value.trim().toLowerCase()}`).digest("hex").slice(0, 16);
}

/** Plausible shape of a token from a URL, checked before it reaches the database. */
export function isTokenShape(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(token);
}
