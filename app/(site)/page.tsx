import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LandingPageView } from "@/components/landing-page";
import { findLandingPage } from "@/content/registry";

const page = findLandingPage("");

export const metadata: Metadata = { title: { absolute: page ? `${page.title} · LeadRelay` : "LeadRelay" }, description: page?.description };

export default function HomePage() {
  if (!page) notFound();
  return <LandingPageView page={page} />;
}
