"use client";

import { createContext, useEffect, useMemo, useRef } from "react";

/** Lets a form inside an embed tell the partner's page it was submitted. */
export const EmbedContext = createContext<{ submitted: (formId: string) => void } | null>(null);

/**
 * The iframe's side of embed.js: reports the content's height and successful submissions to the
 * embedding page, only ever to `parentOrigin`, which the server checked against the partner's origins.
 */
export function EmbedBridge({ parentOrigin, children }: { parentOrigin: string | null; children: React.ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = root.current;
    if (!element || !parentOrigin || window.parent === window) return;
    let last = 0;
    // The content's own height: the document's would never shrink below the iframe's current size.
    const report = () => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height !== last) window.parent.postMessage({ type: "leadrelay:height", height }, parentOrigin);
      last = height;
    };
    const observer = new ResizeObserver(report);
    observer.observe(element);
    report();
    return () => observer.disconnect();
  }, [parentOrigin]);

  const bridge = useMemo(
    () => ({
      submitted: (formId: string) => {
        if (parentOrigin && window.parent !== window) window.parent.postMessage({ type: "leadrelay:submitted", formId }, parentOrigin);
      },
    }),
    [parentOrigin],
  );
  return (
    <EmbedContext.Provider value={bridge}>
      <div ref={root} data-embed-root className="p-4">
        {children}
      </div>
    </EmbedContext.Provider>
  );
}
