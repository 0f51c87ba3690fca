"use client";

import { useActionState } from "react";
import { noOpSubmit } from "@/lib/bench/no-op-action";

/** Posts the no-op action the way LeadForm posts submitLead (useActionState), for `npm run bench`. */
export function NoOpForm() {
  const [state, formAction] = useActionState(noOpSubmit, { status: "idle" });
  return (
    <form action={formAction}>
      <input type="hidden" name="formId" value="contact" />
      <button type="submit">{state.status === "accepted" ? "Done" : "Send"}</button>
    </form>
  );
}
