/** Dependencies point one way: app → lib/submission → lib/outbox → lib/leadconnector, lib/forms below; see README. */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "A folder of lib/ that imports a folder importing it back blurs the layers.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-folder-cycles",
      comment: "No folder may import a folder that imports it back (lib/outbox ↔ lib/submission and the like).",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-not-to-content-or-app",
      comment: "lib/ is the engine: landing content and pages are injected into it, never imported.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(content|app)/" },
    },
    {
      name: "only-tests-import-tests",
      comment: "Tests may change freely: nothing shipped or benchmarked depends on them.",
      severity: "error",
      from: { path: "^(?!tests/)" },
      to: { path: "^tests/" },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules"] },
    exclude: { path: ["^node_modules", "^\\.next", "^lib/db/generated", "^\\.data"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs"],
    },
  },
};
