"use client";
import { signOut } from "next-auth/react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { changePasswordAction, deleteAccountAction, updateNameAction } from "./actions";

const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
const button = "rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";

export function AccountForms({ name, email, hasPassword }: { name: string; email: string; hasPassword: boolean }) {
  // The name stays in its field after saving (the page shows the new one); password fields are cleared.
  const nameForm = useActionForm(updateNameAction, {
    fields: ["name"],
    successMessage: "Saved.",
    resetOnSuccess: false,
  });
  const pwForm = useActionForm(changePasswordAction, {
    fields: hasPassword ? ["currentPassword", "newPassword"] : ["newPassword"],
    successMessage: "Password changed.",
  });
  const delForm = useActionForm(deleteAccountAction, {
    fields: ["confirmEmail"],
    successMessage: "Account deleted.",
    onSuccess: () => void signOut({ callbackUrl: "/" }),
  });
  return (
    <>
      <form
        method="post"
        onSubmit={nameForm.onSubmit}
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 className="text-lg font-semibold">Display name</h2>
        <label htmlFor="name" className="block font-medium">
          Name
        </label>
        <input {...nameForm.field("name")} defaultValue={name} className={input} />
        <FieldError id="name-error" messages={nameForm.fieldErrors.name} />
        <FormMessage error={nameForm.formError} success={nameForm.success} />
        <button className={button} disabled={nameForm.pending}>
          Save name
        </button>
      </form>

      <form
        method="post"
        onSubmit={pwForm.onSubmit}
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 className="text-lg font-semibold">{hasPassword ? "Change password" : "Set a password"}</h2>
        {hasPassword && (
          <>
            <label htmlFor="currentPassword" className="block font-medium">
              Current password
            </label>
            <input
              {...pwForm.field("currentPassword")}
              type="password"
              autoComplete="current-password"
              className={input}
            />
            <FieldError id="currentPassword-error" messages={pwForm.fieldErrors.currentPassword} />
          </>
        )}
        <label htmlFor="newPassword" className="block font-medium">
          New password
        </label>
        <input {...pwForm.field("newPassword")} type="password" autoComplete="new-password" className={input} />
        <FieldError id="newPassword-error" messages={pwForm.fieldErrors.newPassword} />
        <FormMessage error={pwForm.formError} success={pwForm.success} />
        <button className={button} disabled={pwForm.pending}>
          Change password
        </button>
      </form>

      <form
        method="post"
        onSubmit={delForm.onSubmit}
        className="space-y-3 rounded-lg border border-red-300 bg-white p-5"
      >
        <h2 className="text-lg font-semibold text-red-900">Delete account</h2>
        <p className="text-slate-700">
          This removes your account and all your personal data — ratings, history, goals, team memberships and reviews —
          at once. It cannot be undone. Export your data first if you want to keep it.
        </p>
        <label htmlFor="confirmEmail" className="block font-medium">
          Type your email ({email}) to confirm
        </label>
        <input {...delForm.field("confirmEmail")} className={input} />
        <FieldError id="confirmEmail-error" messages={delForm.fieldErrors.confirmEmail} />
        <FormMessage error={delForm.formError} success={delForm.success} />
        <button
          className="rounded bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60"
          disabled={delForm.pending}
        >
          Delete my account and data
        </button>
      </form>
    </>
  );
}
