/** A progress bar with its figures in text beside it; the bar itself is decoration (the text says it all). */
export function ProgressBar({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total ? Math.floor((done * 100) / total) : 0;
  return (
    <div className="min-w-0">
      <p className="text-sm break-words">
        <span className="font-medium">{label}:</span> {done} of {total} done ({percent}%)
      </p>
      <div className="mt-1 h-3 w-full overflow-hidden rounded bg-slate-200" aria-hidden="true">
        <div className="h-full bg-brand-700" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
