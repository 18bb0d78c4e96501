"use client";
import { useState } from "react";
import { setUserActiveAction } from "./actions";

/** Deactivate (every session ends, no sign-in) or reactivate one account. */
export function UserActiveButton({ userId, label, active }: { userId: string; label: string; active: boolean }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    if (active && !window.confirm(`Deactivate ${label}? They are signed out everywhere and cannot sign in until reactivated.`)) return;
    setPending(true);
    const res = await setUserActiveAction({ userId, active: String(!active) });
    setPending(false);
    setError(res.ok ? null : res.message);
  }
  return (
    <>
      <button type="button" onClick={toggle} disabled={pending} className="rounded border border-slate-400 px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-60">
        {active ? "Deactivate" : "Reactivate"}
        <span className="sr-only"> {label}</span>
      </button>
      {error && (
        <span role="alert" className="ml-2 text-red-800">
          {error}
        </span>
      )}
    </>
  );
}
