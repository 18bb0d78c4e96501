"use client";

export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print rounded border border-slate-400 px-3 py-1 text-sm"
    >
      Print or save as PDF
    </button>
  );
}
