import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "LeadRelay", template: "%s · LeadRelay" },
  description: "Lead forms that reach your CRM, every time.",
};

/** Every page renders per request: the request gate's CSP nonce must reach the scripts Next puts on it. */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
