import { notFound } from "next/navigation";
import { NoOpForm } from "@/components/bench/no-op-form";

export const dynamic = "force-dynamic";

/** The benchmark's baseline page (scripts: `npm run bench`); absent unless the server runs with LEADRELAY_BENCH=1. */
export default function NoOpBenchPage() {
  if (process.env.LEADRELAY_BENCH !== "1") notFound();
  return <NoOpForm />;
}
