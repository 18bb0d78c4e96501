"use client";
import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
} from "recharts";
import type { RadarSeries } from "./radar";

/** The recharts part of LevelRadar, loaded lazily by radar.tsx. */
export function RadarPlot({ data, series }: { data: Record<string, string | number>[]; series: RadarSeries[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <RadarChart data={data} outerRadius="70%" accessibilityLayer>
        <PolarGrid />
        <PolarAngleAxis dataKey="categoryName" tick={{ fontSize: 11, fill: "#334155" }} />
        <PolarRadiusAxis domain={[0, 5]} tickCount={6} tick={{ fontSize: 10 }} />
        {series.map((s) => (
          <Radar
            key={s.key}
            name={s.name}
            dataKey={s.key}
            stroke={s.color}
            fill={s.color}
            fillOpacity={s.dashed ? 0.05 : 0.25}
            strokeDasharray={s.dashed ? "5 3" : undefined}
            isAnimationActive={false}
          />
        ))}
        <Tooltip />
        {series.length > 1 && <Legend />}
      </RadarChart>
    </ResponsiveContainer>
  );
}
