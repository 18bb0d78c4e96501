"use client";
import { Legend, PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart, ResponsiveContainer, Tooltip } from "recharts";

export type RadarSeries = { key: string; name: string; color: string; dashed?: boolean };

/** A 0–5 radar over categories. Data rows: { categoryName, [series.key]: level }. Pair it with a table. */
export function LevelRadar({ data, series, label }: { data: Record<string, string | number>[]; series: RadarSeries[]; label: string }) {
  return (
    <div className="h-80 w-full" aria-label={label} role="group" data-testid="radar-chart">
      <ResponsiveContainer width="100%" height="100%">
        <RadarChart data={data} outerRadius="70%" accessibilityLayer>
          <PolarGrid />
          <PolarAngleAxis dataKey="categoryName" tick={{ fontSize: 11, fill: "#334155" }} />
          <PolarRadiusAxis domain={[0, 5]} tickCount={6} tick={{ fontSize: 10 }} />
          {series.map((s) => (
            <Radar key={s.key} name={s.name} dataKey={s.key} stroke={s.color} fill={s.color} fillOpacity={s.dashed ? 0.05 : 0.25} strokeDasharray={s.dashed ? "5 3" : undefined} isAnimationActive={false} />
          ))}
          <Tooltip />
          {series.length > 1 && <Legend />}
        </RadarChart>
      </ResponsiveContainer>
    </div>
  );
}
