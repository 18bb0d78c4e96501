"use client";
import dynamic from "next/dynamic";

export type BarSeries = { key: string; name: string; color: string; stack?: string };

// recharts loads after the page is interactive (see radar.tsx); the frame keeps the chart's height meanwhile.
const BarsPlot = dynamic(() => import("./bars-plot").then((m) => m.BarsPlot), { ssr: false });

/**
 * Horizontal bars, one row per item (label on the left). Pair it with a table for screen readers. Given `empty`, it
 * shows that text instead of a frame of blank bars when there is nothing to draw (no rows, or every value 0).
 */
export function HorizontalBars({
  data,
  series,
  label,
  max,
  height,
  empty,
}: {
  data: Record<string, string | number>[];
  series: BarSeries[];
  label: string;
  max?: number;
  height?: number;
  empty?: string;
}) {
  if (empty !== undefined && !data.some((d) => series.some((s) => Number(d[s.key] ?? 0) > 0)))
    return (
      <p className="text-slate-700" data-testid="bar-chart-empty">
        {empty}
      </p>
    );
  const h = height ?? Math.max(160, data.length * 30 + 60);
  return (
    <div style={{ height: h }} className="w-full" role="group" aria-label={label} data-testid="bar-chart">
      <BarsPlot data={data} series={series} max={max} />
    </div>
  );
}
