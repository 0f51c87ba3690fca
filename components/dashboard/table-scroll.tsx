/** A wide table's frame: scrolls sideways on a phone, and is a focusable, named region so the keyboard can scroll it too. */
export function TableScroll({ label, className = "", children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white ${className}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
