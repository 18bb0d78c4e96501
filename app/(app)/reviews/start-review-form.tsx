"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { startReviewAction } from "./actions";

export function StartReviewForm({ people, defaultPeriod, defaultDue }: { people: { userId: string; teamId: string; label: string }[]; defaultPeriod: string; defaultDue: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const [teamId, subjectId] = String(fd.get("person")).split(":");
        const r = await startReviewAction({ teamId, subjectId, period: fd.get("period"), dueDate: fd.get("dueDate") });
        if (r.ok) router.push(`/reviews/${r.data.id}`);
        else setError(r.message);
      }}
    >
      <div>
        <label htmlFor="rv-person" className="block text-sm font-medium">Person</label>
        <select id="rv-person" name="person" className="rounded border border-slate-400 px-2 py-1">
          {people.map((p) => <option key={`${p.teamId}:${p.userId}`} value={`${p.teamId}:${p.userId}`}>{p.label}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="rv-period" className="block text-sm font-medium">Period</label>
        <input id="rv-period" name="period" defaultValue={defaultPeriod} className="rounded border border-slate-400 px-2 py-1" />
      </div>
      <div>
        <label htmlFor="rv-due" className="block text-sm font-medium">Due date</label>
        <input id="rv-due" name="dueDate" type="date" defaultValue={defaultDue} className="rounded border border-slate-400 px-2 py-1" />
      </div>
      <button className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">Start review</button>
      {error && <p role="alert" className="w-full text-red-800">{error}</p>}
    </form>
  );
}
