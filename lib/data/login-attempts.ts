import "server-only";
import { env } from "@/lib/env";
import { db } from "./db";
import { clearBuckets, takeSlots, type LimitResult } from "./rate-limit";
import { pseudonym } from "./tokens";

/**
 * Sign-in limits, three buckets per attempt (addresses and emails are stored only as pseudonyms):
 *   - email + client address: LOGIN_MAX_ATTEMPTS (5) per window: the limit an attacker at one address meets;
 *   - client address: LOGIN_MAX_ATTEMPTS_PER_IP (30): one address guessing many accounts;
 *   - email, from every address together: LOGIN_MAX_ATTEMPTS_PER_EMAIL (100): a distributed guesser.
 * A slot is taken before the password is checked, atomically (lib/data/rate-limit.ts), so 40 parallel attempts
 * reach the password check at most 5 times. A successful sign-in gives back its email's slots. Because the
 * per-email bucket is wide, an attacker who is not at the owner's address cannot lock the owner out for long: it
 * takes 100 failures per window from many addresses, and a password reset clears the email's buckets.
 */
function buckets(email: string, ip: string) {
  const e = pseudonym(email);
  const a = pseudonym(`ip:${ip}`);
  return { pair: `signin:pair:${e}:${a}`, ip: `signin:ip:${a}`, email: `signin:email:${e}` };
}

export async function takeSignInSlot(email: string, ip: string, now = new Date()): Promise<LimitResult> {
  const { LOGIN_MAX_ATTEMPTS, LOGIN_MAX_ATTEMPTS_PER_IP, LOGIN_MAX_ATTEMPTS_PER_EMAIL, LOGIN_WINDOW_MINUTES } = env();
  const windowMs = LOGIN_WINDOW_MINUTES * 60_000;
  const b = buckets(email, ip);
  return takeSlots(
    [
      { bucket: b.pair, max: LOGIN_MAX_ATTEMPTS, windowMs },
      { bucket: b.ip, max: LOGIN_MAX_ATTEMPTS_PER_IP, windowMs },
      { bucket: b.email, max: Math.max(LOGIN_MAX_ATTEMPTS_PER_EMAIL, LOGIN_MAX_ATTEMPTS), windowMs },
    ],
    now,
  );
}

/**
 * After a successful sign-in: the email's failures no longer count, and the slot this attempt took from the
 * address's bucket is given back (so a busy office behind one address is limited by its failures, not its sign-ins).
 * The address's earlier failures still count.
 */
export async function clearSignInFailures(email: string, ip: string): Promise<void> {
  const b = buckets(email, ip);
  await clearBuckets([b.pair, b.email]);
  const prisma = await db();
  await prisma.$executeRaw`DELETE FROM "RateLimitEvent" WHERE id = (SELECT id FROM "RateLimitEvent" WHERE bucket = ${b.ip} ORDER BY id DESC LIMIT 1)`;
}

/** After a password reset: the owner proved control of the mailbox, so no old failure may keep them out. */
export async function clearEmailSignInFailures(email: string): Promise<void> {
  const prisma = await db();
  const e = pseudonym(email);
  await prisma.rateLimitEvent.deleteMany({
    where: { OR: [{ bucket: `signin:email:${e}` }, { bucket: { startsWith: `signin:pair:${e}:` } }] },
  });
}
