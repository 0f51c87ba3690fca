import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LandingPageView } from "@/components/landing-page";
import { findLandingPage } from "@/content/registry";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = findLandingPage((await params).slug);
  return page ? { title: page.title, description: page.description } : {};
}

/** Every landing page in content/landing/ other than the home page. */
export default async function LandingRoute({ params }: Props) {
  const { slug } = await params;
  const page = slug ? findLandingPage(slug) : undefined;
  if (!page) notFound();
  return <LandingPageView page={page} />;
}
