"use client";
import dynamic from "next/dynamic";
import type { TrendDatum } from "./trend-plot";

// recharts loads after the page is interactive (as components/charts/line.tsx does); the frame keeps the height.
const TrendPlot = dynamic(() => import("./trend-plot").then((m) => m.TrendPlot), { ssr: false });

/** Coverage (0–100 %) and average level (0–5) of one category over time. Always paired with a table. */
export function TrendChart({ data, label }: { data: TrendDatum[]; label: string }) {
  return (
    <div className="h-64 w-full" role="group" aria-label={label} data-testid="trend-chart">
      <TrendPlot data={data} />
    </div>
  );
}
