import "server-only";
import { db } from "./db";
import { env } from "@/lib/env";

export type LoginGate = { allowed: true } | { allowed: false; retryMinutes: number };

const emailKey = (email: string) => `email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Whether a sign-in may be tried now. Failures are counted per email and per IP within the window; state lives in
 * the database, so limits hold across restarts and across app instances.
 */
export async function checkLoginGate(email: string, ip: string, now = new Date()): Promise<LoginGate> {
  const { LOGIN_MAX_ATTEMPTS, LOGIN_MAX_ATTEMPTS_PER_IP, LOGIN_WINDOW_MINUTES } = env();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ key: string; failures: bigint; oldest: Date }[]>`
    SELECT key, count(*) AS failures, min("createdAt") AS oldest FROM "LoginAttempt"
    WHERE key IN (${emailKey(email)}, ${ipKey(ip)}) AND success = false AND "createdAt" > ${since}
    GROUP BY key`;
  for (const r of rows) {
    const limit = r.key.startsWith("email:") ? LOGIN_MAX_ATTEMPTS : LOGIN_MAX_ATTEMPTS_PER_IP;
    if (Number(r.failures) >= limit) {
      const freeAt = new Date(r.oldest).getTime() + LOGIN_WINDOW_MINUTES * 60_000;
      return { allowed: false, retryMinutes: Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)) };
    }
  }
  return { allowed: true };
}

/** Records one attempt. A success clears the email's failures (not the IP's). */
export async function recordLoginAttempt(email: string, ip: string, success: boolean): Promise<void> {
  const prisma = await db();
  if (success) {
    await prisma.loginAttempt.deleteMany({ where: { key: emailKey(email), success: false } });
    return;
  }
  await prisma.loginAttempt.createMany({ data: [{ key: emailKey(email), success }, { key: ipKey(ip), success }] });
}
