"use client";
import dynamic from "next/dynamic";

export type BarSeries = { key: string; name: string; color: string; stack?: string };

// recharts loads after the page is interactive (see radar.tsx); the frame keeps the chart's height meanwhile.
const BarsPlot = dynamic(() => import("./bars-plot").then((m) => m.BarsPlot), { ssr: false });

/** Horizontal bars, one row per item (label on the left). Pair it with a table for screen readers. */
export function HorizontalBars({
  data,
  series,
  label,
  max,
  height,
}: {
  data: Record<string, string | number>[];
  series: BarSeries[];
  label: string;
  max?: number;
  height?: number;
}) {
  const h = height ?? Math.max(160, data.length * 30 + 60);
  return (
    <div style={{ height: h }} className="w-full" role="group" aria-label={label} data-testid="bar-chart">
      <BarsPlot data={data} series={series} max={max} />
    </div>
  );
}
