import Link from "next/link";

export default function LandingPage() {
  return (
    <div className="space-y-10">
      <section className="max-w-3xl">
        <h1 className="text-4xl font-bold tracking-tight text-brand-900">
          Know the distance to your next infrastructure or platform role.
        </h1>
        <p className="mt-4 text-lg text-slate-700">
          skillgap compares the skills you record with a taxonomy of infrastructure and platform engineering roles —
          from System Administrator to CIO, from DevOps Engineer to CTO — and shows what to learn next, and why.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link href="/signin" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
            Sign in
          </Link>
          <Link
            href="/roles"
            className="rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50"
          >
            Browse roles
          </Link>
        </div>
      </section>
      <section aria-labelledby="who" className="grid gap-6 md:grid-cols-3">
        <h2 id="who" className="sr-only">
          Who it is for
        </h2>
        <Card title="Engineers planning a career">
          Rate yourself against level descriptors, see how far you are from Platform Engineer or Infrastructure Manager,
          and get an ordered learning path.
        </Card>
        <Card title="Leads auditing a team">
          A skill matrix of your team, coverage per skill, and the places where only one person holds the knowledge.
        </Card>
        <Card title="Managers running reviews">
          Blind self and manager assessments, a reveal that flags two-level disagreements, and an agreed plan.
        </Card>
      </section>
    </div>
  );
}

function Card({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-5">
      <h3 className="font-semibold text-brand-900">{title}</h3>
      <p className="mt-2 text-slate-700">{children}</p>
    </article>
  );
}
