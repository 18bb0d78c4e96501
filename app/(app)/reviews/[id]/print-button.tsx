"use client";

export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print min-h-11 rounded border border-slate-400 bg-white px-4 py-2 text-sm"
    >
      Print or save as PDF
    </button>
  );
}
