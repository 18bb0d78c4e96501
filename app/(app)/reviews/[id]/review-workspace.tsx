"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { ScaleLevel } from "@/lib/domain/types";
import { amendAction, commentAction, reviewGoalAction, saveAgreementAction, saveAssessmentAction, transitionAction } from "../actions";

type Line = { skillId: string; skillName: string; selfLevel: number | null; managerLevel: number | null; agreedLevel: number | null; effectiveLevel: number | null };
type Review = {
  id: string; version: number; state: string; side: "subject" | "manager" | "observer";
  /** false: the subject left the team; they read the review but change nothing. */
  canWrite: boolean; summary: string | null; lines: Line[];
  comments: { id: string; skillId: string; body: string; author: string; createdAt: string }[];
};

export function ReviewWorkspace({ review, scale }: { review: Review; scale: ScaleLevel[] }) {
  const router = useRouter();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { side, state, canWrite } = review;
  const mine = side === "subject" ? "selfLevel" : "managerLevel";
  const [levels, setLevels] = useState<Record<string, number | null>>(Object.fromEntries(review.lines.map((l) => [l.skillId, l[mine]])));
  const [agreed, setAgreed] = useState<Record<string, number>>(Object.fromEntries(review.lines.map((l) => [l.skillId, l.agreedLevel ?? l.managerLevel ?? 0])));
  const [summary, setSummary] = useState(review.summary ?? "");

  // The version the next write must name. Every accepted write bumps the review's version by exactly one, so it is
  // counted here at once, instead of waiting for the refreshed page: a quick second click (save, then complete) would
  // otherwise send the version from before the refresh and meet a conflict.
  const version = useRef(review.version);
  useEffect(() => {
    version.current = Math.max(version.current, review.version);
  }, [review.version]);
  const v = () => version.current;

  async function run<T>(fn: () => Promise<ActionResult<T>>, ok: string): Promise<boolean> {
    setBusy(true);
    const r = await fn();
    setBusy(false);
    if (r.ok) {
      version.current += 1;
      setMsg({ ok: true, text: ok });
      router.refresh();
      return true;
    }
    setMsg({ ok: false, text: r.message });
    if (r.status === 409) {
      const latest = (r.latest as { version?: number } | undefined)?.version;
      if (typeof latest === "number") version.current = latest;
      router.refresh();
    }
    return false;
  }

  const canRate = canWrite && ((side === "subject" && state === "self-assessment") || (side === "manager" && (state === "self-assessment" || state === "manager-assessment")));
  const rated = Object.entries(levels).filter(([, v]) => v !== null).map(([skillId, level]) => ({ skillId, level: level! }));
  const submitEvent = side === "subject" ? "submit-self" : "submit-manager";
  const canSubmit = canRate && (side === "subject" || state === "manager-assessment");
  const input = "rounded border border-slate-400 px-2 py-1";

  return (
    <div className="no-print space-y-6">
      {msg && <p role={msg.ok ? "status" : "alert"} className={`rounded p-3 ${msg.ok ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>{msg.text}</p>}

      {canRate && (
        <section aria-labelledby="assess-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="assess-h" className="text-xl font-semibold">{side === "subject" ? "Your self-assessment" : "Your assessment"}</h2>
          <p className="text-sm text-slate-700">
            {side === "subject" ? "Your manager cannot see these until you have both submitted." : "The self-assessment stays hidden from you until you submit yours."}
          </p>
          {review.lines.map((l) => {
            const v = levels[l.skillId];
            const d = scale.find((s) => s.level === v);
            return (
              <div key={l.skillId} className="grid gap-1 md:grid-cols-[16rem_10rem_1fr] md:items-center">
                <label htmlFor={`lv-${l.skillId}`} className="font-medium">{l.skillName}</label>
                <select id={`lv-${l.skillId}`} className={input} value={v ?? ""} aria-describedby={`lvd-${l.skillId}`} onChange={(e) => setLevels({ ...levels, [l.skillId]: e.target.value === "" ? null : Number(e.target.value) })}>
                  <option value="">— not rated —</option>
                  {scale.map((s) => <option key={s.level} value={s.level}>{s.level} {s.name}</option>)}
                </select>
                <p id={`lvd-${l.skillId}`} className="text-sm text-slate-700">{d?.description ?? ""}</p>
              </div>
            );
          })}
          <div className="flex gap-3">
            <button type="button" disabled={busy} className="rounded border border-brand-700 px-3 py-1.5 text-brand-700" onClick={() => run(() => saveAssessmentAction({ reviewId: review.id, version: v(), levels: rated }), "Draft saved.")}>
              Save draft
            </button>
            {canSubmit && (
              <button type="button" disabled={busy} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white" onClick={async () => {
                const saved = await run(() => saveAssessmentAction({ reviewId: review.id, version: v(), levels: rated }), "Saved.");
                if (saved) await run(() => transitionAction({ reviewId: review.id, version: v(), event: submitEvent }), "Submitted.");
              }}>
                Submit {side === "subject" ? "self-assessment" : "assessment"}
              </button>
            )}
          </div>
        </section>
      )}

      {state === "discussion" && side !== "observer" && (
        <section aria-labelledby="disc-h" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="disc-h" className="text-xl font-semibold">Discussion</h2>
          {review.lines.map((l) => {
            const thread = review.comments.filter((c) => c.skillId === l.skillId);
            return (
              <details key={l.skillId} className="rounded border border-slate-200 p-2">
                <summary className="cursor-pointer">{l.skillName} — {thread.length} comment{thread.length === 1 ? "" : "s"}</summary>
                <ul className="mt-2 space-y-1 text-sm">
                  {thread.map((c) => <li key={c.id}><strong>{c.author}</strong> ({c.createdAt.slice(0, 16).replace("T", " ")}): {c.body}</li>)}
                </ul>
                {canWrite && (
                  <form className="mt-2 flex gap-2" onSubmit={async (e) => {
                    e.preventDefault();
                    const form = e.currentTarget;
                    if (await run(() => commentAction({ reviewId: review.id, version: v(), skillId: l.skillId, body: new FormData(form).get("body") }), "Comment added.")) form.reset();
                  }}>
                    <label htmlFor={`c-${l.skillId}`} className="sr-only">Comment on {l.skillName}</label>
                    <input id={`c-${l.skillId}`} name="body" className={`${input} flex-1`} placeholder={`Comment on ${l.skillName}`} />
                    <button className="rounded border border-slate-400 px-2">Add</button>
                  </form>
                )}
              </details>
            );
          })}

          {side === "manager" && canWrite && (
            <div className="space-y-3">
              <h3 className="font-semibold">Agreed levels</h3>
              {review.lines.map((l) => (
                <div key={l.skillId} className="flex items-center gap-3">
                  <label htmlFor={`ag-${l.skillId}`} className="w-64">{l.skillName}</label>
                  <select id={`ag-${l.skillId}`} className={input} value={agreed[l.skillId]} onChange={(e) => setAgreed({ ...agreed, [l.skillId]: Number(e.target.value) })}>
                    {scale.map((s) => <option key={s.level} value={s.level}>{s.level} {s.name}</option>)}
                  </select>
                </div>
              ))}
              <label htmlFor="summary" className="block font-medium">Summary</label>
              <textarea id="summary" className={`${input} w-full`} rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
              <div className="flex gap-3">
                <button type="button" disabled={busy} className="rounded border border-brand-700 px-3 py-1.5 text-brand-700" onClick={() => run(() => saveAgreementAction({ reviewId: review.id, version: v(), agreed: Object.entries(agreed).map(([skillId, level]) => ({ skillId, level })), summary }), "Agreement saved.")}>
                  Save agreement
                </button>
                <button type="button" disabled={busy} className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white" onClick={async () => {
                  const saved = await run(() => saveAgreementAction({ reviewId: review.id, version: v(), agreed: Object.entries(agreed).map(([skillId, level]) => ({ skillId, level })), summary }), "Agreement saved.");
                  if (saved) await run(() => transitionAction({ reviewId: review.id, version: v(), event: "complete" }), "Review completed and locked.");
                }}>
                  Complete review
                </button>
              </div>
            </div>
          )}

          {canWrite && <form className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-3" onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            if (await run(() => reviewGoalAction({ reviewId: review.id, version: v(), ...Object.fromEntries(new FormData(form)) }), "Goal added to the development plan.")) form.reset();
          }}>
            <h3 className="w-full font-semibold">Add a goal to the plan</h3>
            <label className="text-sm">Skill
              <select name="skillId" className={`${input} ml-1`}>{review.lines.map((l) => <option key={l.skillId} value={l.skillId}>{l.skillName}</option>)}</select>
            </label>
            <label className="text-sm">Target level
              <select name="targetLevel" className={`${input} ml-1`} defaultValue="3">{scale.filter((s) => s.level > 0).map((s) => <option key={s.level} value={s.level}>{s.level} {s.name}</option>)}</select>
            </label>
            <label className="text-sm">Due
              <input name="dueDate" type="date" className={`${input} ml-1`} />
            </label>
            <label className="text-sm">Note
              <input name="note" className={`${input} ml-1`} />
            </label>
            <button className="rounded border border-brand-700 px-3 py-1.5 text-brand-700">Add goal</button>
          </form>}
        </section>
      )}

      {state === "completed" && side === "subject" && canWrite && (
        <form className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" onSubmit={(e) => {
          e.preventDefault();
          run(() => transitionAction({ reviewId: review.id, version: v(), event: "acknowledge", comment: new FormData(e.currentTarget).get("comment") }), "Review acknowledged.");
        }}>
          <h2 className="text-xl font-semibold">Acknowledge</h2>
          <label htmlFor="ack" className="block">Comment <span className="text-slate-600">(optional)</span></label>
          <textarea id="ack" name="comment" rows={2} className={`${input} w-full`} />
          <button className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">Acknowledge review</button>
        </form>
      )}

      {(state === "completed" || state === "acknowledged") && side === "manager" && canWrite && (
        <form className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          if (await run(() => amendAction({ reviewId: review.id, version: v(), ...Object.fromEntries(new FormData(form)) }), "Amendment recorded.")) form.reset();
        }}>
          <h2 className="w-full text-xl font-semibold">Record an amendment</h2>
          <label className="text-sm">Skill
            <select name="skillId" className={`${input} ml-1`}>{review.lines.map((l) => <option key={l.skillId} value={l.skillId}>{l.skillName} (now {l.effectiveLevel})</option>)}</select>
          </label>
          <label className="text-sm">New level
            <select name="toLevel" className={`${input} ml-1`}>{scale.map((s) => <option key={s.level} value={s.level}>{s.level} {s.name}</option>)}</select>
          </label>
          <label className="text-sm">Reason
            <input name="reason" className={`${input} ml-1`} />
          </label>
          <button className="rounded border border-brand-700 px-3 py-1.5 text-brand-700">Amend</button>
        </form>
      )}
    </div>
  );
}
