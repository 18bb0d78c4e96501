/** `npm run user:create -- --email you@example.com [--name "Your Name"] [--password …] [--admin]` */
import { parseArgs } from "node:util";
import { DataError } from "../lib/data/errors";
import { provisionUser } from "../lib/data/user-provisioning";
import { fail, runCli, withCliDb } from "./cli-db";

runCli(async () => {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      admin: { type: "boolean", default: false },
    },
  });
  if (!values.email) fail("--email must be a valid email address.");
  const user = await withCliDb((prisma) =>
    provisionUser(prisma, {
      email: values.email!,
      name: values.name,
      password: values.password,
      isAdmin: values.admin,
    }).catch((e: unknown) => {
      if (e instanceof DataError) fail(`--${Object.keys(e.fieldErrors)[0] ?? "email"}: ${e.message}`);
      throw e;
    }),
  );
  if (!user.created) console.log(`Updated ${user.email}${values.admin ? " (now an administrator)" : ""}.`);
  else
    console.log(
      `Created ${values.admin ? "administrator" : "user"} ${user.email}.${user.generatedPassword ? ` Password: ${user.generatedPassword}` : ""}`,
    );
});
