"use client";
import dynamic from "next/dynamic";

export type RadarSeries = { key: string; name: string; color: string; dashed?: boolean };

// recharts (~110 kB gzip) loads after the page is interactive instead of with it: ResponsiveContainer draws nothing
// on the server anyway, and the frame below keeps its size so nothing shifts when the chart appears.
const RadarPlot = dynamic(() => import("./radar-plot").then((m) => m.RadarPlot), { ssr: false });

/** A 0–5 radar over categories. Data rows: { categoryName, [series.key]: level }. Pair it with a table. */
export function LevelRadar({
  data,
  series,
  label,
}: {
  data: Record<string, string | number>[];
  series: RadarSeries[];
  label: string;
}) {
  return (
    <div className="h-80 w-full lg:h-96" aria-label={label} role="group" data-testid="radar-chart">
      <RadarPlot data={data} series={series} />
    </div>
  );
}
