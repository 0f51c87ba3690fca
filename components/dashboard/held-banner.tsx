import Link from "next/link";

/** Held submissions wait for a person: the banner says so on every outbox view until someone judges them. */
export function HeldBanner({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <div role="status" className="mb-4 rounded-lg border border-violet-300 bg-violet-50 p-3 text-sm text-violet-950">
      <strong>
        {count} {count === 1 ? "submission is" : "submissions are"} held
      </strong>{" "}
      as possible spam or part of a flood. Nothing held is sent to LeadConnector until you release it.{" "}
      <Link href="/dashboard?status=HELD" className="underline underline-offset-4">
        Review held submissions
      </Link>
    </div>
  );
}
