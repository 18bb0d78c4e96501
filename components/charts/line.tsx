/**
 * Fit (0–100) over time as a step line, drawn on the server (no client JavaScript): the plot is an SVG stretched to
 * its box, the axis labels and points are HTML placed by percentage, so it fits any width without scaling the text.
 * Pair it with a table, which carries the numbers.
 */
export function FitLine({ data, label }: { data: { date: string; fit: number }[]; label: string }) {
  const n = data.length;
  const x = (i: number) => (n <= 1 ? 50 : (i / (n - 1)) * 100);
  const y = (fit: number) => 100 - Math.min(100, Math.max(0, fit));
  // Step after: hold each value until the next date.
  const d = data
    .map((p, i) => (i === 0 ? `M${x(0)},${y(p.fit)}` : `H${x(i)} V${y(p.fit)}`))
    .concat(n > 0 ? [`H${n === 1 ? 100 : x(n - 1)}`] : [])
    .join(" ");
  // At most five date labels: the first, the last and evenly spaced ones between (only the first and last on phones).
  const shown = new Set(n <= 5 ? data.map((_, i) => i) : [0, 1, 2, 3, 4].map((k) => Math.round((k * (n - 1)) / 4)));
  return (
    <div className="mt-2 h-64 w-full" role="img" aria-label={label} data-testid="line-chart">
      <div
        className="grid h-full grid-cols-[2.5rem_1fr] grid-rows-[1fr_1.5rem] text-xs text-slate-700"
        aria-hidden="true"
      >
        <div className="relative">
          {[0, 25, 50, 75, 100].map((t) => (
            <span key={t} className="absolute right-1 -translate-y-1/2 tabular-nums" style={{ top: `${y(t)}%` }}>
              {t}%
            </span>
          ))}
        </div>
        <div className="relative mr-4 border-b border-l border-slate-400">
          <svg
            className="absolute inset-0 h-full w-full overflow-visible"
            viewBox="0 0 100 100"
            preserveAspectRatio="none"
          >
            {[25, 50, 75, 100].map((t) => (
              <line
                key={t}
                x1="0"
                x2="100"
                y1={y(t)}
                y2={y(t)}
                stroke="var(--color-slate-300)"
                strokeDasharray="3 3"
                vectorEffect="non-scaling-stroke"
              />
            ))}
            <path d={d} fill="none" stroke="var(--color-brand-700)" strokeWidth="2" vectorEffect="non-scaling-stroke" />
          </svg>
          {data.map((p, i) => (
            <span
              key={`${p.date}-${i}`}
              className="absolute h-2 w-2 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-brand-700 bg-white"
              style={{ left: `${x(i)}%`, top: `${y(p.fit)}%` }}
            />
          ))}
        </div>
        <div />
        <div className="relative mr-4">
          {data.map((p, i) =>
            shown.has(i) ? (
              <span
                key={`${p.date}-${i}`}
                className={`absolute top-1 whitespace-nowrap tabular-nums ${
                  n === 1
                    ? "-translate-x-1/2"
                    : i === 0
                      ? ""
                      : i === n - 1
                        ? "-translate-x-full"
                        : "hidden -translate-x-1/2 sm:inline"
                }`}
                style={{ left: `${x(i)}%` }}
              >
                {p.date}
              </span>
            ) : null,
          )}
        </div>
      </div>
    </div>
  );
}
