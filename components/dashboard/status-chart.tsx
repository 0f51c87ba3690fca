import type { SubmissionStatus } from "@/lib/db/generated/enums";
import type { DayCounts } from "@/lib/outbox/overview";

/** Chart order, bottom to top, with colours that keep apart for common colour blindness and label text. */
export const CHART_STATUSES: { status: SubmissionStatus; label: string; colour: string }[] = [
  { status: "DELIVERED", label: "Delivered", colour: "#15803d" },
  { status: "PENDING", label: "Pending", colour: "#64748b" },
  { status: "RETRYING", label: "Retrying", colour: "#d97706" },
  { status: "FAILED", label: "Failed", colour: "#b91c1c" },
  { status: "HELD", label: "Held", colour: "#7c3aed" },
  { status: "DISCARDED", label: "Discarded", colour: "#cbd5e1" },
];

const [WIDTH, HEIGHT, BAR, GAP, AXIS] = [600, 200, 16, 4, 16];

/** What the chart shows, in words, for screen readers (the table below has every number). */
export function chartSummary(days: DayCounts[]): string {
  const total = days.reduce((sum, d) => sum + d.total, 0);
  if (total === 0) return `No submissions in the last ${days.length} days.`;
  const busiest = days.reduce((a, b) => (b.total > a.total ? b : a));
  const parts = CHART_STATUSES.map(({ status, label }) => [label, days.reduce((sum, d) => sum + (d.counts[status] ?? 0), 0)] as const).filter(([, n]) => n > 0);
  return `${total} submissions in the last ${days.length} days (${parts.map(([label, n]) => `${n} ${label.toLowerCase()}`).join(", ")}); the busiest day was ${busiest.day} with ${busiest.total}.`;
}

/** Submissions per day, stacked by status: plain inline SVG, no chart library. */
export function StatusChart({ days }: { days: DayCounts[] }) {
  const max = Math.max(1, ...days.map((d) => d.total));
  const scale = (HEIGHT - AXIS) / max;
  return (
    <figure className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3" tabIndex={0}>
      <svg role="img" aria-label={chartSummary(days)} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full min-w-[20rem]" data-testid="status-chart">
        <title>Submissions per day by status</title>
        {days.map((day, i) => {
          let y = HEIGHT - AXIS;
          return (
            <g key={day.day} transform={`translate(${i * (BAR + GAP) + GAP}, 0)`}>
              {CHART_STATUSES.map(({ status, colour }) => {
                const height = (day.counts[status] ?? 0) * scale;
                if (height === 0) return null;
                y -= height;
                return <rect key={status} x={0} y={y} width={BAR} height={height} fill={colour} />;
              })}
              {i % 7 === 0 && (
                <text x={0} y={HEIGHT - 3} fontSize={10} fill="#334155">
                  {day.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
        <text x={WIDTH - 4} y={12} fontSize={10} textAnchor="end" fill="#334155">
          max {max} a day
        </text>
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-3 text-xs text-slate-700">
        {CHART_STATUSES.map(({ status, label, colour }) => (
          <span key={status} className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ background: colour }} />
            {label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
