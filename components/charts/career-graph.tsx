import Link from "next/link";
import { NODE_H, NODE_W, type CareerGraph } from "@/lib/domain/taxonomy-views";

const edgeStyle = {
  entry: { stroke: "#475569", dash: "6 4", label: "entry" },
  progression: { stroke: "#174ba6", dash: undefined, label: "progression" },
  lateral: { stroke: "#9a3412", dash: "2 4", label: "lateral move" },
} as const;

/** The career-path diagram (server-rendered SVG; every node is a link). A text list of the paths sits beside it. */
export function CareerGraphDiagram({ graph, title }: { graph: CareerGraph; title: string }) {
  const titleId = `graph-title-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <figure className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <svg
        width={graph.width}
        height={graph.height}
        viewBox={`0 0 ${graph.width} ${graph.height}`}
        role="group"
        aria-labelledby={titleId}
        data-testid="career-graph"
      >
        <title id={titleId}>{title}</title>
        <defs>
          {Object.entries(edgeStyle).map(([k, s]) => (
            <marker
              key={k}
              id={`arrow-${k}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={s.stroke} />
            </marker>
          ))}
        </defs>
        <text x={4} y={14} fontSize="12" fill="#334155">
          Infrastructure track
        </text>
        <text
          x={4}
          y={(graph.nodes.find((n) => n.track === "platform")?.y ?? graph.height - 40) - 8}
          fontSize="12"
          fill="#334155"
        >
          Platform track
        </text>
        {graph.edges.map((e) => {
          const s = edgeStyle[e.kind];
          const mx = (e.x1 + e.x2) / 2;
          const d =
            e.x1 === e.x2
              ? `M${e.x1},${e.y1} L${e.x2},${e.y2}`
              : `M${e.x1},${e.y1} C${mx},${e.y1} ${mx},${e.y2} ${e.x2},${e.y2}`;
          return (
            <path
              key={`${e.from}-${e.to}`}
              d={d}
              fill="none"
              stroke={s.stroke}
              strokeWidth={1.6}
              strokeDasharray={s.dash}
              markerEnd={`url(#arrow-${e.kind})`}
            />
          );
        })}
        {graph.nodes.map((n) => (
          <Link key={n.id} href={`/roles/${n.id}`}>
            <rect
              x={n.x}
              y={n.y}
              width={NODE_W}
              height={NODE_H}
              rx={6}
              fill={n.current ? "#174ba6" : n.track === "platform" ? "#eef6ff" : "#f1f5f9"}
              stroke={n.current ? "#0f2d63" : "#64748b"}
              strokeWidth={n.current ? 2.5 : 1}
            />
            <text
              x={n.x + NODE_W / 2}
              y={n.y + NODE_H / 2 + 4}
              textAnchor="middle"
              fontSize="12"
              fill={n.current ? "#ffffff" : "#0f172a"}
            >
              {n.title.length > 24 ? `${n.title.slice(0, 23)}…` : n.title}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700">
        {Object.entries(edgeStyle).map(([k, s]) => (
          <span key={k} className="inline-flex items-center gap-1">
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" stroke={s.stroke} strokeWidth="2" strokeDasharray={s.dash} />
            </svg>
            {s.label}
          </span>
        ))}
        <span>Columns run from entry level (left) to executive (right).</span>
      </figcaption>
    </figure>
  );
}
