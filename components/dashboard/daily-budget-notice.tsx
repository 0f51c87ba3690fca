import { formatTime } from "@/lib/dates";

type Spent = { id: string; name: string; dailyLimit: number | null; resetAt: Date; waiting: number };

/** Says why a location's leads wait although nothing is wrong with them: LeadConnector's daily limit is reached. */
export function DailyBudgetNotice({ locations }: { locations: Spent[] }) {
  if (locations.length === 0) return null;
  return (
    <div role="status" className="mb-4 space-y-2">
      {locations.map((location) => (
        <div key={location.id} data-testid="daily-budget-notice" className="rounded-lg border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950">
          <strong>
            {location.name} ({location.id}) reached LeadConnector&apos;s daily limit
            {location.dailyLimit === null ? "" : ` of ${location.dailyLimit.toLocaleString("en")} calls`}.
          </strong>{" "}
          {location.waiting} {location.waiting === 1 ? "submission waits" : "submissions wait"} until {formatTime(location.resetAt)}, then delivery resumes by
          itself. Nothing is lost and no attempts are spent meanwhile.
        </div>
      ))}
    </div>
  );
}
