import Link from "next/link";
import { link } from "./styles";

/** What an edit page says when there is no draft to edit (it was published or discarded, or never started). */
export function NoDraft({ title }: { title: string }) {
  return (
    <div className="min-w-0 space-y-4">
      <p>
        <Link className={link} href="/admin/taxonomy">
          Taxonomy editor
        </Link>
      </p>
      <h1 className="text-3xl font-bold break-words">{title}</h1>
      <p className="max-w-3xl">
        There is no draft to edit: it was published or discarded, or none was started.{" "}
        <Link className="text-brand-700 underline" href="/admin/taxonomy">
          Start a draft on the taxonomy editor page
        </Link>
        .
      </p>
    </div>
  );
}
