"use client";
import { useRef, useState, type ReactNode } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, type FieldErrors } from "@/components/use-action-form";
import { button, input, primary } from "../../styles";

/** The role page's two list forms (requirements, career paths): rows edited in place, added and removed. */

/**
 * The rows of a list form, each with a stable `key` (its fields' ids are built from it, so errors and focus stay on
 * the row when others are removed). Adding a row focuses its first field.
 */
export function useEditableRows<R extends { key: number }>(initial: () => R[]) {
  const [rows, setRows] = useState<R[]>(initial);
  const nextKey = useRef(rows.length);
  return {
    rows,
    set: (key: number, patch: Partial<R>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r))),
    remove: (key: number) => setRows((rs) => rs.filter((x) => x.key !== key)),
    /** Appends the row `make` builds for a new key, then focuses the element whose id `focusId` gives. */
    add: (make: (key: number) => R, focusId: (key: number) => string) => {
      const key = nextKey.current++;
      const row = make(key);
      setRows((rs) => [...rs, row]);
      setTimeout(() => document.getElementById(focusId(key))?.focus(), 0);
    },
  };
}

type FieldProps = { name: string; id: string; "aria-invalid": boolean; "aria-describedby": string };

/** One labelled select of a row, with its error below it (`${id}-error`). */
export function RowSelect({
  id,
  name,
  label,
  value,
  onChange,
  field,
  errors,
  children,
}: {
  id: string;
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  field: (name: string, id: string) => FieldProps;
  errors: FieldErrors;
  children: ReactNode;
}) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select {...field(name, id)} value={value} onChange={(e) => onChange(e.target.value)} className={input}>
        {children}
      </select>
      <FieldError id={`${id}-error`} messages={errors[name]} />
    </div>
  );
}

type RowsFormProps<R extends { key: number }> = {
  list: ReturnType<typeof useEditableRows<R>>;
  /** The heading's id, which names the form. */
  headingId: string;
  heading: ReactNode;
  intro: ReactNode;
  /** Said when there are no rows. */
  empty?: ReactNode;
  fieldsetClass: string;
  legendClass: string;
  legend: (i: number) => ReactNode;
  fields: (row: R, i: number) => ReactNode;
  removeClass: string;
  removeLabel: (row: R, i: number) => ReactNode;
  addLabel: string;
  addDisabled?: boolean;
  onAdd: () => void;
  /** The error about the list as a whole. */
  errorId: string;
  errors?: string[];
  saveLabel: string;
  form: { pending: boolean; formError: string | null; success: string | null };
  onSave: (origin: HTMLFormElement) => void;
};

/**
 * A form of rows: heading, one fieldset per row with its remove button, the add button, save and the result. Removing
 * a row moves focus to the add button.
 */
export function RowsForm<R extends { key: number }>(p: RowsFormProps<R>) {
  const { list, form } = p;
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <form
      method="post"
      aria-labelledby={p.headingId}
      className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSave(e.currentTarget);
      }}
    >
      <h2 id={p.headingId} className="text-xl font-semibold">
        {p.heading}
      </h2>
      <p className="text-sm text-slate-700">{p.intro}</p>
      {list.rows.length === 0 && p.empty}
      <ol className="space-y-3">
        {list.rows.map((r, i) => (
          <li key={r.key} className="min-w-0 rounded border border-slate-200 p-3">
            <fieldset className={p.fieldsetClass}>
              <legend className={p.legendClass}>{p.legend(i)}</legend>
              {p.fields(r, i)}
              <div className={p.removeClass}>
                <button
                  type="button"
                  className={button}
                  onClick={() => {
                    list.remove(r.key);
                    setTimeout(() => addRef.current?.focus(), 0);
                  }}
                >
                  {p.removeLabel(r, i)}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button ref={addRef} type="button" className={button} disabled={p.addDisabled} onClick={p.onAdd}>
        {p.addLabel}
      </button>
      <FieldError id={p.errorId} messages={p.errors} />
      <div>
        <button className={primary} disabled={form.pending}>
          {form.pending ? "Saving…" : p.saveLabel}
        </button>
      </div>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
