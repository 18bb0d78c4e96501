/** `npm run user:create -- --email you@example.com [--name "Your Name"] [--password …] [--admin]` */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { hashPassword } from "../lib/auth/password";
import { passwordProblem } from "../lib/auth/common-passwords";
import { fail, runCli, withCliDb } from "./cli-db";

runCli(async () => {
  const { values } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" }, admin: { type: "boolean", default: false } },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail("--email must be a valid email address.");
  const generated = !values.password;
  const password = values.password ?? randomBytes(12).toString("base64url");
  const problem = passwordProblem(password, email);
  if (problem) fail(`--password: ${problem}`);
  const passwordHash = await hashPassword(password);
  await withCliDb(async (prisma) => {
    const existing = await prisma.user.findUnique({ where: { email } });
    if (existing) {
      await prisma.user.update({ where: { email }, data: { isAdmin: values.admin || existing.isAdmin, emailVerified: existing.emailVerified ?? new Date(), ...(values.password ? { passwordHash } : {}) } });
      console.log(`Updated ${email}${values.admin ? " (now an administrator)" : ""}.`);
      return;
    }
    await prisma.user.create({ data: { email, name: values.name ?? null, passwordHash, isAdmin: values.admin, emailVerified: new Date() } });
    console.log(`Created ${values.admin ? "administrator" : "user"} ${email}.${generated ? ` Password: ${password}` : ""}`);
  });
});
