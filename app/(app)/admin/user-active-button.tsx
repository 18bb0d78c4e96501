"use client";
import { useActionForm } from "@/components/use-action-form";
import { setUserActiveAction } from "./actions";

/** Deactivate (every session ends, no sign-in) or reactivate one account. */
export function UserActiveButton({ userId, label, active }: { userId: string; label: string; active: boolean }) {
  const form = useActionForm(setUserActiveAction);
  function toggle() {
    if (
      active &&
      !window.confirm(`Deactivate ${label}? They are signed out everywhere and cannot sign in until reactivated.`)
    )
      return;
    void form.submit({ userId, active: String(!active) });
  }
  return (
    <>
      <button
        type="button"
        onClick={toggle}
        disabled={form.pending}
        className="min-h-11 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
      >
        {active ? "Deactivate" : "Reactivate"}
        <span className="sr-only"> {label}</span>
      </button>
      {form.formError && (
        <span role="alert" className="ml-2 text-red-800">
          {form.formError}
        </span>
      )}
    </>
  );
}
