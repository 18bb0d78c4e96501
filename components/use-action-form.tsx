"use client";
import { useCallback, useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

export type FieldErrors = Record<string, string[]>;

export type ActionFormOptions<I, T> = {
  /** Runs after an accepted write (navigate, reset local drafts…). The action has already revalidated the pages. */
  onSuccess?: (data: T, input: I) => void;
  /** Runs after a refusal (the errors are already in `fieldErrors` / `formError`). */
  onError?: (result: Extract<ActionResult<T>, { ok: false }>, input: I) => void;
  /** The line shown with role="status" after an accepted write. */
  successMessage?: string | ((data: T, input: I) => string);
  /** Error keys a visible field shows beside itself; anything else is said by the form-level banner. */
  fields?: readonly string[];
  /** FormData → the action's input, for `onSubmit` (default: Object.fromEntries). */
  toInput?: (fd: FormData) => I;
  /** Clear the form after an accepted write (default true when submitted through `onSubmit`). */
  resetOnSuccess?: boolean;
};

const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/**
 * The one client form hook: runs a server action in a transition, tracks pending, exposes the action's field errors,
 * focuses the first invalid field and keeps a banner only for what no visible field says. It never refreshes the
 * router: actions revalidate the pages they changed, and the action's response carries the fresh page.
 * The input type `I` is what the caller sends (server actions accept `unknown` and parse it); callbacks that read the
 * input name its type in their parameter.
 */
export function useActionForm<T, I = unknown>(
  action: (input: NoInfer<I>) => Promise<ActionResult<T>>,
  options: ActionFormOptions<I, T> = {},
) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<{ result: ActionResult<T>; input: I; success: string | null } | null>(null);
  const [failures, setFailures] = useState(0);
  const formRef = useRef<HTMLElement | null>(null);
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  // After a refusal, the first field marked invalid gets focus (fields set aria-invalid from `fieldErrors`).
  useEffect(() => {
    if (failures === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [failures]);

  const submit = useCallback(
    (input: I, origin?: Element | null): Promise<ActionResult<T>> =>
      new Promise((resolve) => {
        // The fields live in the form (or section) the submit came from; the first invalid one gets focus.
        const area = origin?.closest<HTMLElement>("form, section");
        if (area) formRef.current = area;
        startTransition(async () => {
          let result: ActionResult<T>;
          try {
            result = await action(input);
          } catch {
            result = { ok: false, message: UNREACHABLE, errors: {} };
          }
          // The success line is worded now, from what the page showed when the user acted (a removed person's name).
          const said = latest.current.successMessage;
          const success =
            result.ok && said !== undefined ? (typeof said === "function" ? said(result.data, input) : said) : null;
          setState({ result, input, success });
          if (result.ok) latest.current.onSuccess?.(result.data, input);
          else {
            setFailures((n) => n + 1);
            latest.current.onError?.(result, input);
          }
          resolve(result);
        });
      }),
    [action],
  );

  const onSubmit = useCallback(
    (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      const fd = new FormData(form);
      const input = latest.current.toInput ? latest.current.toInput(fd) : (Object.fromEntries(fd) as I);
      void submit(input, form).then((r) => {
        if (r.ok && latest.current.resetOnSuccess !== false) form.reset();
      });
    },
    [submit],
  );

  const result = state?.result ?? null;
  const fieldErrors: FieldErrors = result && !result.ok ? result.errors : {};
  const shown = new Set(options.fields ?? []);
  const unshown = Object.entries(fieldErrors).filter(([k]) => !shown.has(k));
  let formError: string | null = null;
  if (result && !result.ok) {
    if (Object.keys(fieldErrors).length === 0 || unshown.length === Object.keys(fieldErrors).length)
      formError = result.message;
    else if (unshown.length > 0) formError = unshown.map(([, m]) => m[0]).join(" ");
  }
  const success = state?.success ?? null;

  /** Props for a field: `name`, `aria-invalid` and `aria-describedby` pointing at its error (`${id}-error`). */
  const field = (name: string, id: string = name, describedBy?: string) => ({
    name,
    id,
    "aria-invalid": Boolean(fieldErrors[name]),
    "aria-describedby": [describedBy, `${id}-error`].filter(Boolean).join(" "),
  });

  return {
    pending,
    /** The last result and the input it answered, or null before the first submit. */
    state,
    fieldErrors,
    /** What the banner says: the action's message only for errors no visible field shows. */
    formError,
    /** The success line, when the last submit was accepted and `successMessage` is set. */
    success,
    /**
     * Run the action with an input built by the caller; resolves to its result (for chaining, e.g. save then submit).
     * `origin` (the button pressed) names the form or section whose first invalid field gets focus.
     */
    submit,
    /** A form's onSubmit: builds the input from its FormData (`toInput`), runs the action, resets on success. */
    onSubmit,
    field,
    /** Forget the last result (hides banners and field errors). */
    clear: () => setState(null),
  };
}

/** The form-level line: an alert for `formError`, a status for `success`. Renders nothing otherwise. */
export function FormMessage({
  error,
  success,
  className = "",
  children,
}: {
  error: string | null;
  success?: string | null;
  className?: string;
  children?: ReactNode;
}) {
  if (error) {
    return (
      <div role="alert" className={`text-red-800 ${className}`}>
        <p>{error}</p>
        {children}
      </div>
    );
  }
  if (success) {
    return (
      <p role="status" className={`text-green-800 ${className}`}>
        {success}
      </p>
    );
  }
  return null;
}
