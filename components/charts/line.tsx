"use client";
import dynamic from "next/dynamic";

// recharts loads after the page is interactive (see radar.tsx); the frame keeps the chart's height meanwhile.
const LinePlot = dynamic(() => import("./line-plot").then((m) => m.LinePlot), { ssr: false });

/** Fit (0–100) over time. Pair it with a table. */
export function FitLine({ data, label }: { data: { date: string; fit: number }[]; label: string }) {
  return (
    <div className="h-64 w-full" role="group" aria-label={label} data-testid="line-chart">
      <LinePlot data={data} />
    </div>
  );
}
