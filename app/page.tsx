import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/lib/demo-accounts";
import { databaseTarget } from "@/lib/env";

const primary = "inline-flex min-h-11 items-center rounded bg-brand-700 px-4 font-medium text-white hover:bg-brand-900";
const secondary =
  "inline-flex min-h-11 items-center rounded border border-brand-700 px-4 font-medium text-brand-700 hover:bg-brand-50";

export default async function LandingPage() {
  const actor = await getActor();
  // The embedded database (no DATABASE_URL) is the demo: the start script seeds these accounts into it.
  const demo = !actor && databaseTarget().kind === "pglite";
  return (
    <div className="space-y-10">
      <section className="max-w-3xl">
        <h1 className="text-3xl font-bold tracking-tight text-brand-900 sm:text-4xl">
          Know the distance to your next infrastructure or platform role.
        </h1>
        <p className="mt-4 text-lg text-slate-700">
          skillgap is a skills-gap tracker you host yourself. Rate your skills against a taxonomy of infrastructure and
          platform engineering roles, from System Administrator to CIO and from DevOps Engineer to CTO, and see what to
          learn next, and why.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          {actor ? (
            <Link href="/dashboard" className={primary}>
              Dashboard
            </Link>
          ) : (
            <>
              <Link href="/signup" className={primary}>
                Sign up
              </Link>
              <Link href="/signin" className={secondary}>
                Sign in
              </Link>
            </>
          )}
        </div>
        <p className="mt-4 flex flex-wrap gap-x-4 text-slate-700">
          <Link href="/roles" className="inline-flex min-h-11 items-center text-brand-700 underline">
            Browse roles
          </Link>
          <Link href="/skills" className="inline-flex min-h-11 items-center text-brand-700 underline">
            Browse skills
          </Link>
        </p>
      </section>

      {demo && (
        <aside aria-labelledby="demo-title" className="max-w-3xl rounded-lg border border-amber-300 bg-amber-50 p-5">
          <h2 id="demo-title" className="font-semibold text-amber-950">
            Demo sign-ins
          </h2>
          <p className="mt-1 text-amber-950">
            This copy runs on the embedded demo database. Sign in as any of these, all with the password{" "}
            <code className="font-mono font-semibold break-all">{DEMO_PASSWORD}</code>:
          </p>
          <ul className="mt-2 space-y-1 text-amber-950">
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.email} className="break-words">
                <code className="font-mono">{a.email}</code> ({a.role})
              </li>
            ))}
          </ul>
        </aside>
      )}

      <section aria-labelledby="uses" className="space-y-4">
        <h2 id="uses" className="text-xl font-semibold text-brand-900">
          Three ways to use it
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <Use title="Personal career planning">
            Rate yourself against level descriptors, see how far you are from the role you want, and get an ordered
            learning path.
          </Use>
          <Use title="Team audits">
            See your team&apos;s skill matrix, the gaps against the roles you need, and the skills only one person
            holds.
          </Use>
          <Use title="Manager reviews">
            Blind self and manager assessments, a discussion that starts with the disagreements, and an agreed plan.
          </Use>
        </div>
      </section>
    </div>
  );
}

function Use({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-5">
      <h3 className="font-semibold text-brand-900">{title}</h3>
      <p className="mt-2 text-slate-700">{children}</p>
    </article>
  );
}
