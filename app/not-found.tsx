import Link from "next/link";

export default function NotFound() {
  return (
    <section className="max-w-xl">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-700">There is nothing here, or you do not have access to it.</p>
      <p className="mt-4">
        <Link className="text-brand-700 underline" href="/">
          Back to the start page
        </Link>
      </p>
    </section>
  );
}
